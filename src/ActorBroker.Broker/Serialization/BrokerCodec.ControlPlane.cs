using ActorBroker.Broker.Controller;
using ActorBroker.Broker.Membership;
using ActorBroker.Broker.Metadata;
using ActorBroker.Broker.Partitions;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Serialization;

namespace ActorBroker.Broker.Serialization;

/// <summary>The messages nodes send each other outside the data path.</summary>
internal static partial class BrokerCodec
{
    private static string? ControlPlaneManifest(object message) => message switch
    {
        RegisterMetadataCache => "MC",
        MetadataCacheRegistered => "MK",
        ReRegisterMetadataCache => "MR",
        MetadataStored => "MS",
        UpdateMetadata => "MV",
        StoreMetadata => "MQ",
        MetadataUpdated => "MA",
        GetLocalImage => "MG",
        LocalImage => "MJ",
        DeletePartition => "PD",
        PartitionDeleted => "PX",
        AlterPartition => "AQ",
        AlterPartitionResponse => "AR",
        LeaderEpochEndOffsetRequest => "EQ",
        LeaderEpochEndOffsetResponse => "ER",
        LinkViewRequest => "LQ",
        LinkView => "LV",
        _ => null,
    };

    private static bool TryWriteControlPlane(object message, WireWriter w)
    {
        switch (message)
        {
            case RegisterMetadataCache m:
                w.String(m.NodeId);
                return true;
            case MetadataCacheRegistered m:
                w.Int32(m.ControllerEpoch);
                return true;
            case ReRegisterMetadataCache m:
                w.Int32(m.ControllerEpoch);
                return true;
            case MetadataStored m:
                w.String(m.NodeId);
                w.Int64(m.Version);
                return true;
            case UpdateMetadata m:
                WriteImage(w, m.Image);
                return true;
            case StoreMetadata m:
                WriteImage(w, m.Image);
                return true;
            case MetadataUpdated m:
                w.Int64(m.Version);
                return true;
            case GetLocalImage m:
                w.Int32(m.ControllerEpoch);
                return true;
            case LocalImage m:
                w.String(m.NodeId);
                WriteImage(w, m.Image);
                return true;
            case DeletePartition m:
                w.TopicPartition(m.Partition);
                w.Guid(m.TopicId);
                return true;
            case PartitionDeleted m:
                w.TopicPartition(m.Partition);
                w.Guid(m.TopicId);
                w.Int16((short)m.Error);
                w.LongString(m.ErrorMessage);
                return true;
            case AlterPartition m:
                w.TopicPartition(m.Partition);
                w.Guid(m.TopicId);
                w.String(m.Leader);
                w.Int32(m.LeaderEpoch);
                w.Int32(m.PartitionEpoch);
                w.StringList(m.NewIsr);
                return true;
            case AlterPartitionResponse m:
                w.TopicPartition(m.Partition);
                w.Int16((short)m.Error);
                w.LongString(m.ErrorMessage);
                w.String(m.Leader);
                w.Int32(m.LeaderEpoch);
                w.Int32(m.PartitionEpoch);
                w.StringList(m.Isr);
                return true;
            case LeaderEpochEndOffsetRequest m:
                w.TopicPartition(m.Partition);
                w.Int32(m.CurrentLeaderEpoch);
                w.Int32(m.LeaderEpoch);
                w.String(m.ReplicaId);
                w.Int64(m.CorrelationId);
                return true;
            case LeaderEpochEndOffsetResponse m:
                w.TopicPartition(m.Partition);
                w.Int16((short)m.Error);
                w.Int32(m.LeaderEpoch);
                w.Int64(m.EndOffset);
                w.LongString(m.ErrorMessage);
                w.Int64(m.CorrelationId);
                return true;
            case LinkViewRequest:
                return true;
            case LinkView m:
                w.String(m.Observer);
                w.StringList(m.Unreachable);
                return true;
            default:
                return false;
        }
    }

    private static object? ReadControlPlane(ref WireReader r, string manifest) => manifest switch
    {
        "MC" => new RegisterMetadataCache(r.RequiredString()),
        "MK" => new MetadataCacheRegistered(r.Int32()),
        "MR" => new ReRegisterMetadataCache(r.Int32()),
        "MS" => new MetadataStored(r.RequiredString(), r.Int64()),
        // Images with users and ACLs; "MU", "MP" and "MI" are the same messages stored or sent before images had them.
        "MV" => new UpdateMetadata(ReadImage(ref r, withSecurity: true)),
        "MQ" => new StoreMetadata(ReadImage(ref r, withSecurity: true)),
        "MJ" => new LocalImage(r.RequiredString(), ReadImage(ref r, withSecurity: true)),
        "MU" => new UpdateMetadata(ReadImage(ref r, withSecurity: false)),
        "MP" => new StoreMetadata(ReadImage(ref r, withSecurity: false)),
        "MA" => new MetadataUpdated(r.Int64()),
        "MG" => new GetLocalImage(r.Int32()),
        "MI" => new LocalImage(r.RequiredString(), ReadImage(ref r, withSecurity: false)),
        "PD" => new DeletePartition(r.TopicPartition(), r.Guid()),
        "PX" => new PartitionDeleted(r.TopicPartition(), r.Guid(), (ErrorCode)r.Int16(), r.LongString()),
        "AQ" => new AlterPartition(r.TopicPartition(), r.Guid(), r.RequiredString(), r.Int32(), r.Int32(), r.RequiredStringList()),
        "AR" => new AlterPartitionResponse(r.TopicPartition(), (ErrorCode)r.Int16(), r.LongString(), r.String(), r.Int32(), r.Int32(), r.RequiredStringList()),
        "EQ" => new LeaderEpochEndOffsetRequest(r.TopicPartition(), r.Int32(), r.Int32(), r.RequiredString(), r.Int64()),
        "ER" => new LeaderEpochEndOffsetResponse(r.TopicPartition(), (ErrorCode)r.Int16(), r.Int32(), r.Int64(), r.LongString(), r.Int64()),
        "LQ" => LinkViewRequest.Instance,
        "LV" => new LinkView(r.RequiredString(), r.RequiredStringList()),
        _ => null,
    };
}
