namespace ActorBroker.Broker.Controller;

/// <summary>
/// Where a partition lives: its replicas (the first is the preferred leader), the leader (null while no eligible
/// replica is alive: the partition is offline), the leader epoch (grows with every leader change), the in-sync
/// replicas, and the partition epoch (grows with every change of leader or ISR, so a stale ISR change is refused).
/// </summary>
public sealed record PartitionAssignment(IReadOnlyList<string> Replicas, string? Leader, int LeaderEpoch, IReadOnlyList<string> Isr, int PartitionEpoch = 0)
{
    /// <summary>A new partition: led by its first replica, epoch 0, every replica in sync (their logs are all empty).</summary>
    public static PartitionAssignment Initial(IReadOnlyList<string> replicas) => new(replicas, replicas[0], 0, replicas);
}

/// <summary>The controller's journal events (persistence id <c>/broker/controller</c>), stored by <see cref="Serialization.BrokerCodec"/>: append fields, never reorder them.</summary>
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

/// <summary>One partition's assignment after a change of leader, ISR or replicas; the topic id guards against a topic created again under the name.</summary>
internal sealed record PartitionChange(string Name, Guid TopicId, int Partition, PartitionAssignment Assignment);

/// <summary>
/// Leaders and in-sync replicas changed: elections after broker nodes left or came Up, preferred leader elections,
/// and ISR changes a leader asked for. One event per decision, however many partitions it moved.
/// </summary>
internal sealed record LeaderAndIsrChanged(IReadOnlyList<PartitionChange> Partitions, string Reason) : IControllerEvent;

/// <summary>
/// Step 1 of moving a partition to <paramref name="Target"/> replicas: <paramref name="Assignment"/> lists the target
/// replicas and then the current ones, so the adding replicas start following the leader.
/// </summary>
internal sealed record PartitionReassignmentStarted(string Name, Guid TopicId, int Partition, IReadOnlyList<string> Target, PartitionAssignment Assignment)
    : IControllerEvent;

/// <summary>Step 2: every adding replica caught up; <paramref name="Assignment"/> has the target replicas only, led by one of them.</summary>
internal sealed record PartitionReassignmentCompleted(string Name, Guid TopicId, int Partition, PartitionAssignment Assignment) : IControllerEvent;

/// <summary>
/// A starting controller found, on the live nodes, an image newer than its own journal (nodes keep their journals
/// apart, and this node never ran the controller of that epoch): the topics and assignments are taken from it.
/// Reassignments in progress are not in images and are lost; the partitions keep their longer replica lists.
/// Users and ACLs come with it (<paramref name="Security"/>; null in events stored before they existed).
/// </summary>
internal sealed record ControllerStateAdopted(
    int ControllerEpoch, long Version, string FromNode, IReadOnlyList<TopicState> Topics, IReadOnlyList<TopicState> Deleting, Metadata.SecurityImage? Security = null)
    : IControllerEvent;

/// <summary>A user's SCRAM credential for its mechanism was set (created or replaced).</summary>
internal sealed record UserCredentialSet(string User, Protocol.Security.ScramCredential Credential) : IControllerEvent;

/// <summary>A user's credential for one mechanism was removed; a user without credentials is gone.</summary>
internal sealed record UserCredentialRemoved(string User, Protocol.Security.ScramMechanism Mechanism) : IControllerEvent;

/// <summary>ACLs were added (only ones that did not exist).</summary>
internal sealed record AclsAdded(IReadOnlyList<Protocol.Security.AclBinding> Acls) : IControllerEvent;

/// <summary>ACLs were removed (only ones that existed).</summary>
internal sealed record AclsRemoved(IReadOnlyList<Protocol.Security.AclBinding> Acls) : IControllerEvent;
