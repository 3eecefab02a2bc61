using ActorBroker.Broker.Controller;
using ActorBroker.Protocol.Serialization;

namespace ActorBroker.Broker.Serialization;

/// <summary>The controller's journal events. Stored for good: a manifest's meaning never changes, fields are only appended.</summary>
internal static partial class BrokerCodec
{
    private static string? ControllerEventManifest(object message) => message switch
    {
        ControllerStarted => "CS",
        TopicCreated => "CT",
        PartitionsCreated => "CP",
        TopicDeletionStarted => "CD",
        TopicDeleted => "CX",
        LeaderAndIsrChanged => "CL",
        PartitionReassignmentStarted => "CR",
        PartitionReassignmentCompleted => "CC",
        ControllerStateAdopted => "CB",
        UserCredentialSet => "UC",
        UserCredentialRemoved => "UD",
        AclsAdded => "AA",
        AclsRemoved => "AD",
        _ => null,
    };

    private static bool TryWriteControllerEvent(object message, WireWriter w)
    {
        switch (message)
        {
            case ControllerStarted e:
                w.Int32(e.Epoch);
                return true;
            case TopicCreated e:
                w.String(e.Name);
                w.Guid(e.TopicId);
                w.StringMap(e.Configs);
                WriteAssignments(w, e.Partitions);
                return true;
            case PartitionsCreated e:
                w.String(e.Name);
                w.Guid(e.TopicId);
                WriteAssignments(w, e.Added);
                return true;
            case TopicDeletionStarted e:
                w.String(e.Name);
                w.Guid(e.TopicId);
                return true;
            case TopicDeleted e:
                w.String(e.Name);
                w.Guid(e.TopicId);
                return true;
            case LeaderAndIsrChanged e:
                w.Int32(e.Partitions.Count);
                foreach (var change in e.Partitions)
                {
                    w.String(change.Name);
                    w.Guid(change.TopicId);
                    w.Int32(change.Partition);
                    WriteAssignment(w, change.Assignment);
                }
                w.LongString(e.Reason);
                return true;
            case PartitionReassignmentStarted e:
                w.String(e.Name);
                w.Guid(e.TopicId);
                w.Int32(e.Partition);
                w.StringList(e.Target);
                WriteAssignment(w, e.Assignment);
                return true;
            case PartitionReassignmentCompleted e:
                w.String(e.Name);
                w.Guid(e.TopicId);
                w.Int32(e.Partition);
                WriteAssignment(w, e.Assignment);
                return true;
            case ControllerStateAdopted e:
                w.Int32(e.ControllerEpoch);
                w.Int64(e.Version);
                w.String(e.FromNode);
                WriteTopicStates(w, e.Topics);
                WriteTopicStates(w, e.Deleting);
                WriteSecurity(w, e.Security ?? Metadata.SecurityImage.Empty);
                return true;
            case UserCredentialSet e:
                w.String(e.User);
                ProtocolCodec.WriteCredential(w, e.Credential);
                return true;
            case UserCredentialRemoved e:
                w.String(e.User);
                w.Int16((short)e.Mechanism);
                return true;
            case AclsAdded e:
                ProtocolCodec.WriteAcls(w, e.Acls);
                return true;
            case AclsRemoved e:
                ProtocolCodec.WriteAcls(w, e.Acls);
                return true;
            default:
                return false;
        }
    }

    private static object? ReadControllerEvent(ref WireReader r, string manifest) => manifest switch
    {
        "CS" => new ControllerStarted(r.Int32()),
        "CT" => new TopicCreated(r.RequiredString(), r.Guid(), r.StringMap(), ReadAssignments(ref r)),
        "CP" => new PartitionsCreated(r.RequiredString(), r.Guid(), ReadAssignments(ref r)),
        "CD" => new TopicDeletionStarted(r.RequiredString(), r.Guid()),
        "CX" => new TopicDeleted(r.RequiredString(), r.Guid()),
        "CL" => ReadLeaderAndIsrChanged(ref r),
        "CR" => new PartitionReassignmentStarted(r.RequiredString(), r.Guid(), r.Int32(), r.RequiredStringList(), ReadAssignment(ref r)),
        "CC" => new PartitionReassignmentCompleted(r.RequiredString(), r.Guid(), r.Int32(), ReadAssignment(ref r)),
        "CB" => new ControllerStateAdopted(r.Int32(), r.Int64(), r.RequiredString(), ReadTopicStates(ref r), ReadTopicStates(ref r), ReadSecurity(ref r)),
        // An adoption stored before images carried users and ACLs.
        "CA" => new ControllerStateAdopted(r.Int32(), r.Int64(), r.RequiredString(), ReadTopicStates(ref r), ReadTopicStates(ref r)),
        "UC" => new UserCredentialSet(r.RequiredString(), ProtocolCodec.ReadCredential(ref r)),
        "UD" => new UserCredentialRemoved(r.RequiredString(), ProtocolCodec.Mechanism(r.Int16())),
        "AA" => new AclsAdded(ProtocolCodec.ReadAcls(ref r)),
        "AD" => new AclsRemoved(ProtocolCodec.ReadAcls(ref r)),
        _ => null,
    };

    private static LeaderAndIsrChanged ReadLeaderAndIsrChanged(ref WireReader r)
    {
        var count = r.Count(minElementBytes: 40);
        var changes = new List<PartitionChange>(count);
        for (var i = 0; i < count; i++) changes.Add(new PartitionChange(r.RequiredString(), r.Guid(), r.Int32(), ReadAssignment(ref r)));
        return new LeaderAndIsrChanged(changes, r.LongString() ?? throw new FormatException("a reason is null"));
    }
}
