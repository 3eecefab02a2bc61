namespace ActorBroker.Broker.Partitions;

/// <summary>
/// The oldest <see cref="Batches"/> whole batches that retention deletes: the log then starts at
/// <see cref="NewLogStartOffset"/>, and journal events up to <see cref="DeleteToSequenceNr"/> can go.
/// <see cref="ByTime"/> of them were older than <c>retention.ms</c>; the rest went for <c>retention.bytes</c>.
/// </summary>
internal sealed record RetentionPlan(long NewLogStartOffset, long DeleteToSequenceNr, int Batches, long Bytes, int ByTime);
