using ActorBroker.Protocol.Messages;

namespace ActorBroker.Protocol.Serialization;

/// <summary>Metadata and topic administration: rare and small, but binary too, so no message of the contract needs a reflective serializer.</summary>
public static partial class ProtocolCodec
{
    private const string MetadataRequestManifest = "MQ";
    private const string MetadataResponseManifest = "MR";
    private const string CreateTopicManifest = "TC";
    private const string DeleteTopicManifest = "TD";
    private const string CreatePartitionsManifest = "TP";
    private const string TopicAdminResponseManifest = "TR";
    private const string ReassignManifest = "TA";

    private static bool TryWriteAdministration(object message, WireWriter w)
    {
        switch (message)
        {
            case MetadataRequest m:
                w.StringList(m.Topics);
                w.Int64(m.CorrelationId);
                return true;
            case MetadataResponse m:
                WriteMetadataResponse(m, w);
                return true;
            case CreateTopicRequest m:
                w.String(m.Name);
                w.Int32(m.Partitions);
                w.Int16(m.ReplicationFactor);
                w.StringMap(m.Configs);
                w.Int64(m.CorrelationId);
                return true;
            case DeleteTopicRequest m:
                w.String(m.Name);
                w.Int64(m.CorrelationId);
                return true;
            case CreatePartitionsRequest m:
                w.String(m.Name);
                w.Int32(m.TotalCount);
                w.Int64(m.CorrelationId);
                return true;
            case TopicAdminResponse m:
                w.String(m.Name);
                w.Int16((short)m.Error);
                w.LongString(m.ErrorMessage);
                w.Int64(m.CorrelationId);
                return true;
            case AlterPartitionReassignmentsRequest m:
                w.String(m.Topic);
                w.Int32(m.Partition);
                w.StringList(m.Replicas);
                w.Int64(m.CorrelationId);
                return true;
            default:
                return false;
        }
    }

    private static object? ReadAdministration(ref WireReader r, string manifest) => manifest switch
    {
        MetadataRequestManifest => new MetadataRequest(r.StringList(), r.Int64()),
        MetadataResponseManifest => ReadMetadataResponse(ref r),
        CreateTopicManifest => new CreateTopicRequest(r.RequiredString(), r.Int32(), r.Int16(), r.StringMap(), r.Int64()),
        DeleteTopicManifest => new DeleteTopicRequest(r.RequiredString(), r.Int64()),
        CreatePartitionsManifest => new CreatePartitionsRequest(r.RequiredString(), r.Int32(), r.Int64()),
        TopicAdminResponseManifest => new TopicAdminResponse(r.RequiredString(), (ErrorCode)r.Int16(), r.LongString(), r.Int64()),
        ReassignManifest => new AlterPartitionReassignmentsRequest(r.RequiredString(), r.Int32(), r.RequiredStringList(), r.Int64()),
        _ => null,
    };

    private static void WriteMetadataResponse(MetadataResponse m, WireWriter w)
    {
        w.BrokerNodes(m.Nodes);
        w.Int32(m.Topics.Count);
        foreach (var topic in m.Topics)
        {
            w.String(topic.Name);
            w.Guid(topic.TopicId);
            w.Int16((short)topic.Error);
            w.StringMap(topic.Configs);
            w.Int32(topic.Partitions.Count);
            foreach (var p in topic.Partitions)
            {
                w.Int32(p.Partition);
                w.Int16((short)p.Error);
                w.String(p.Leader);
                w.Int32(p.LeaderEpoch);
                w.StringList(p.Replicas);
                w.StringList(p.Isr);
            }
        }
        w.Int64(m.MetadataVersion);
        w.Int64(m.CorrelationId);
    }

    private static MetadataResponse ReadMetadataResponse(ref WireReader r)
    {
        var nodes = r.BrokerNodes();
        var topicCount = r.Count(minElementBytes: 28);
        var topics = new List<TopicMetadata>(topicCount);
        for (var i = 0; i < topicCount; i++)
        {
            var name = r.RequiredString();
            var topicId = r.Guid();
            var error = (ErrorCode)r.Int16();
            var configs = r.StringMap();
            var partitionCount = r.Count(minElementBytes: 20);
            var partitions = new List<PartitionMetadata>(partitionCount);
            for (var p = 0; p < partitionCount; p++)
                partitions.Add(new PartitionMetadata(r.Int32(), (ErrorCode)r.Int16(), r.String(), r.Int32(), r.RequiredStringList(), r.RequiredStringList()));
            topics.Add(new TopicMetadata(name, topicId, error, partitions, configs));
        }
        return new MetadataResponse(nodes, topics, r.Int64(), r.Int64());
    }
}
