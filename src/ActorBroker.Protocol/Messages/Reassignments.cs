namespace ActorBroker.Protocol.Messages;

/// <summary>
/// Moves a partition to <paramref name="Replicas"/> (Kafka's AlterPartitionReassignments, one partition): node ids
/// that are Up, distinct, as many as the partition has replicas, the first the preferred leader. Answered with a
/// <see cref="TopicAdminResponse"/> as soon as the move started; the new replicas then catch up with the leader, and
/// the old ones are dropped once every new one is in sync (describing the topic shows the progress).
/// </summary>
public sealed record AlterPartitionReassignmentsRequest(string Topic, int Partition, IReadOnlyList<string> Replicas, long CorrelationId);
