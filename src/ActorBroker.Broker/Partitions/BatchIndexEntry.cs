using ActorBroker.Protocol.Records;

namespace ActorBroker.Broker.Partitions;

/// <summary>What the offset index knows of one stored batch: enough to find, size, age and read it without its bytes.</summary>
internal struct BatchIndexEntry
{
    public long BaseOffset;
    public long LastOffset;

    /// <summary>The journal event holding the batch.</summary>
    public long SequenceNr;

    public int Size;
    public long MaxTimestamp;

    /// <summary>Bytes appended to the partition before this batch, so the size of any run of batches is one subtraction.</summary>
    public long Position;

    /// <summary>Largest <see cref="MaxTimestamp"/> of this and all earlier batches: never decreases, so timestamps can be binary searched.</summary>
    public long MaxTimestampSoFar;

    /// <summary>The batch itself while it is in the tail cache, else null.</summary>
    public RecordBatch? Cached;

    public readonly long NextOffset => LastOffset + 1;
}
