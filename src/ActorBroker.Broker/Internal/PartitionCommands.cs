using ActorBroker.Protocol;

namespace ActorBroker.Broker.Internal;

/// <summary>
/// The controller's order to a partition entity (sent through the <c>partition</c> shard region, so it reaches the
/// entity on its leader's node): delete the log of <paramref name="Partition"/> as it exists for topic
/// <paramref name="TopicId"/>, answer <see cref="PartitionDeleted"/> to the sender, and then stop (passivate), so a
/// topic created again under the same name starts with a fresh entity. An entity running for another topic id must
/// leave its own log alone. The controller re-sends until it hears back, so handling it twice must be harmless.
/// </summary>
/// <param name="ControllerEpoch">The sending controller's epoch; a partition may refuse orders older than the newest epoch it has seen.</param>
public sealed record DeletePartition(TopicPartition Partition, Guid TopicId, int ControllerEpoch);

/// <summary>The answer to <see cref="DeletePartition"/>: the partition's log for <paramref name="TopicId"/> is gone from its node.</summary>
public sealed record PartitionDeleted(TopicPartition Partition, Guid TopicId);
