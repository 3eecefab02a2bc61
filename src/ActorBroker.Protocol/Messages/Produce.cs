using ActorBroker.Protocol.Records;

namespace ActorBroker.Protocol.Messages;

/// <summary>How many replicas must have a batch before the leader answers (Kafka's <c>acks</c>).</summary>
public enum Acks : short
{
    /// <summary>acks=all: every in-sync replica (the high watermark passed the batch).</summary>
    All = -1,
    /// <summary>acks=0: the producer does not wait; the leader sends no response.</summary>
    None = 0,
    /// <summary>acks=1: the leader's own append.</summary>
    Leader = 1,
}

/// <summary>
/// Appends batches to one partition, in their order and all or none: the partition gives them consecutive offsets,
/// stores them as one atomic journal write and answers once. Several batches per request spare the per-message work
/// (remoting, the actor's turn, the journal round trip, the answer) that a producer with small batches and a backlog
/// would otherwise pay per batch.
/// </summary>
/// <param name="TimeoutMs">How long the leader may wait for replicas (acks=all) before answering RequestTimedOut.</param>
/// <param name="Batches">At least one; a request with none is refused as corrupt.</param>
/// <param name="CorrelationId">Echoed in the response, so the sender can match it to the request.</param>
public sealed record ProduceRequest(TopicPartition Partition, Acks Acks, int TimeoutMs, IReadOnlyList<RecordBatch> Batches, long CorrelationId)
{
    /// <summary>Appends one batch.</summary>
    public ProduceRequest(TopicPartition partition, Acks acks, int timeoutMs, RecordBatch batch, long correlationId)
        : this(partition, acks, timeoutMs, [batch], correlationId)
    {
    }

    /// <summary>Bytes of all the batches.</summary>
    public int SizeInBytes
    {
        get
        {
            var total = 0;
            foreach (var batch in Batches) total = checked(total + batch.SizeInBytes);
            return total;
        }
    }
}

/// <summary>
/// The outcome of a <see cref="ProduceRequest"/>: on success the offset given to its first batch's first record (the
/// batches after it follow without gaps); otherwise a typed error, for every batch of the request, and the broker's
/// explanation.
/// </summary>
public sealed record ProduceResponse(
    TopicPartition Partition, ErrorCode Error, long BaseOffset, long LogAppendTime, long LogStartOffset, string? ErrorMessage, long CorrelationId)
{
    public static ProduceResponse Failed(TopicPartition partition, ErrorCode error, string message, long correlationId) =>
        new(partition, error, -1, -1, -1, message, correlationId);
}
