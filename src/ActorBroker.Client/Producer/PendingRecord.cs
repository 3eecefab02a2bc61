using ActorBroker.Protocol.Records;

namespace ActorBroker.Client.Producer;

/// <summary>
/// A record accepted by the producer that is not in a batch yet: waiting for buffer memory, for its topic's
/// metadata, or staged by the facade. A struct, so holding one costs no allocation.
/// </summary>
/// <param name="Partition">The partition asked for, or -1 to let the partitioner choose.</param>
/// <param name="ReplyTo">Who learns the outcome: an IActorRef, the facade's completion, or null for nobody.</param>
/// <param name="Size">Bytes reserved (or to reserve) in buffer.memory: the record's encoded size, upper bound.</param>
/// <param name="Sequence">Arrival order, so a flush knows which records came before it; set by the actor.</param>
internal record struct PendingRecord(
    string Topic, byte[]? Key, byte[]? Value, IReadOnlyList<RecordHeader>? Headers, long Timestamp, int Partition,
    object? ReplyTo, long ArrivalMs, int Size, long Sequence = 0);
