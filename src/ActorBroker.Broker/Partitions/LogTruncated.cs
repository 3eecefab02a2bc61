namespace ActorBroker.Broker.Partitions;

/// <summary>
/// Journal event: a follower cut its log back to end at or below <paramref name="Offset"/>, dropping a suffix the
/// leader does not have. The dropped batches' events stay in the journal until retention passes them; recovery and
/// journal reads skip them by this marker.
/// </summary>
internal sealed record LogTruncated(long Offset);
