namespace ActorBroker.Broker.Controller;

/// <summary>
/// Where a partition lives: its replicas (the first is the preferred leader), the leader, the leader epoch and the
/// in-sync replicas. Until followers replicate, the ISR is the leader alone; elections will change leader, epoch and
/// ISR through events of their own.
/// </summary>
public sealed record PartitionAssignment(IReadOnlyList<string> Replicas, string Leader, int LeaderEpoch, IReadOnlyList<string> Isr)
{
    /// <summary>A new partition: led by its first replica, epoch 0, the leader alone in sync.</summary>
    public static PartitionAssignment Initial(IReadOnlyList<string> replicas) => new(replicas, replicas[0], 0, [replicas[0]]);
}

/// <summary>The controller's journal events (persistence id <c>/broker/controller</c>), JSON-serialized: add fields, never rename them.</summary>
internal interface IControllerEvent;

/// <summary>A controller instance started; every start takes the next epoch, so an older instance's orders can be told apart.</summary>
internal sealed record ControllerStarted(int Epoch) : IControllerEvent;

internal sealed record TopicCreated(string Name, Guid TopicId, IReadOnlyDictionary<string, string> Configs, IReadOnlyList<PartitionAssignment> Partitions)
    : IControllerEvent;

/// <summary>Partitions appended to a topic; <paramref name="Added"/> are numbered after the existing ones.</summary>
internal sealed record PartitionsCreated(string Name, Guid TopicId, IReadOnlyList<PartitionAssignment> Added) : IControllerEvent;

/// <summary>The topic is gone for clients; its partitions are being told to delete their logs.</summary>
internal sealed record TopicDeletionStarted(string Name, Guid TopicId) : IControllerEvent;

/// <summary>Every reachable partition deleted its log; the name may be used again.</summary>
internal sealed record TopicDeleted(string Name, Guid TopicId) : IControllerEvent;
