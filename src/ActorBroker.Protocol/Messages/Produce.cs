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

/// <summary>Appends one batch to one partition. The batch's base offset is assigned by the partition.</summary>
/// <param name="TimeoutMs">How long the leader may wait for replicas (acks=all) before answering RequestTimedOut.</param>
/// <param name="CorrelationId">Echoed in the response, so the sender can match it to the request.</param>
public sealed record ProduceRequest(TopicPartition Partition, Acks Acks, int TimeoutMs, RecordBatch Batch, long CorrelationId);

/// <summary>
/// The outcome of a <see cref="ProduceRequest"/>: on success the offset given to the batch's first record;
/// otherwise a typed error and the broker's explanation.
/// </summary>
public sealed record ProduceResponse(
    TopicPartition Partition, ErrorCode Error, long BaseOffset, long LogAppendTime, long LogStartOffset, string? ErrorMessage, long CorrelationId)
{
    public static ProduceResponse Failed(TopicPartition partition, ErrorCode error, string message, long correlationId) =>
        new(partition, error, -1, -1, -1, message, correlationId);
}
