using ActorBroker.Kafka.Records;
using ActorBroker.Protocol;
using static ActorBroker.Kafka.Tests.Messages.Bytes;
using static ActorBroker.Kafka.Tests.Records.CompressedBatches;

namespace ActorBroker.Kafka.Tests.Records;

/// <summary>zstd's window size is the client's word, and the decoder would allocate it (outside the GC's heap).</summary>
public class ZstdBatchTests
{
    // Magic, a descriptor with no content size, window descriptor 2^(10 + 16) = 64 MiB, then one last raw block of one byte.
    private static readonly byte[] WideWindowFrame = [0x28, 0xB5, 0x2F, 0xFD, 0x00, 16 << 3, 0x09, 0x00, 0x00, (byte)'x'];

    [Fact]
    public void A_frame_whose_window_is_beyond_8_MiB_and_max_message_bytes_is_refused_and_one_within_them_is_read()
    {
        var batch = WithRecords(Batch("a"), KafkaCompression.Zstd, WideWindowFrame);

        Assert.Equal(ErrorCode.CorruptMessage, CompressedBatch.Decompress(batch, 1 << 20).Error);
        // The same frame under a topic that stores 64 MiB batches: read (one byte is no record, which the broker refuses).
        Assert.Equal(ErrorCode.None, CompressedBatch.Decompress(batch, 64 << 20).Error);
    }
}
