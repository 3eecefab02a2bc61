using ActorBroker.Protocol.Records;

namespace ActorBroker.Kafka.Records;

/// <summary>The codec in a v2 batch's attributes (bits 0–2); values above <see cref="Zstd"/> are invalid.</summary>
public enum KafkaCompression : byte
{
    None = 0,
    Gzip = 1,
    Snappy = 2,
    Lz4 = 3,
    Zstd = 4,
}

public static class RecordCompression
{
    private const short CompressionMask = 0x07;

    /// <summary>How the batch's records are compressed. Only the header is read: the batch needs at least <see cref="RecordBatch.HeaderSize"/> bytes.</summary>
    public static KafkaCompression Compression(this RecordBatch batch) => (KafkaCompression)(batch.Attributes & CompressionMask);
}
