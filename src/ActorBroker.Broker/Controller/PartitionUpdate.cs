using ActorBroker.Protocol;

namespace ActorBroker.Broker.Controller;

/// <summary>Why a partition's leader, ISR or replicas changed; decides how its log line reads.</summary>
internal enum PartitionUpdateKind
{
    /// <summary>Followers that are not Up left the ISR; the leader stays.</summary>
    FollowersLeftIsr,

    /// <summary>The leader is not Up; the first in-sync replica that is Up leads.</summary>
    LeaderFailover,

    /// <summary>No in-sync replica is Up and unclean.leader.election.enable is set: a replica outside the ISR leads.</summary>
    UncleanElection,

    /// <summary>No eligible replica is Up: no leader until one is.</summary>
    Offline,

    /// <summary>An offline partition's in-sync replica is Up again and leads.</summary>
    BackOnline,

    /// <summary>The preferred replica (the first) leads again.</summary>
    PreferredElection,

    /// <summary>The leader asked for a new ISR (AlterPartition).</summary>
    IsrAltered,

    /// <summary>A reassignment added its target replicas as followers.</summary>
    ReassignmentStarted,

    /// <summary>A reassignment's adding replicas caught up: the target replicas are the partition's replicas now.</summary>
    ReassignmentCompleted,
}

/// <summary>A decided change of one partition: its assignment before and after, and why.</summary>
internal sealed record PartitionUpdate(TopicPartition Partition, Guid TopicId, PartitionAssignment Before, PartitionAssignment After, PartitionUpdateKind Kind)
{
    public PartitionChange Change => new(Partition.Topic, TopicId, Partition.Partition, After);

    public bool LeaderChanged => Before.Leader != After.Leader;
}
