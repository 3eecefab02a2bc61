namespace ActorBroker.Journal.Tests.Support;

/// <summary>A stand-in for a partition log's journal event: a record batch's base offset and its raw bytes.</summary>
public sealed record RecordBatch(long BaseOffset, byte[] Bytes)
{
    public bool Equals(RecordBatch? other) =>
        other is not null && BaseOffset == other.BaseOffset && Bytes.AsSpan().SequenceEqual(other.Bytes);

    public override int GetHashCode() => HashCode.Combine(BaseOffset, Bytes.Length);
}
