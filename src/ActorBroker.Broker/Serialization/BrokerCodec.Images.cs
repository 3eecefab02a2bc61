using ActorBroker.Broker.Controller;
using ActorBroker.Broker.Metadata;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using ActorBroker.Protocol.Security;
using ActorBroker.Protocol.Serialization;

namespace ActorBroker.Broker.Serialization;

/// <summary>The structures that messages and events carry: metadata images, topic states, partition assignments, topic configs.</summary>
internal static partial class BrokerCodec
{
    private static void WriteImage(WireWriter w, MetadataImage image)
    {
        w.Int64(image.Version);
        w.Int32(image.ControllerEpoch);
        w.BrokerNodes(image.Nodes);
        WriteTopicImages(w, image.Topics);
        WriteTopicImages(w, image.DeletingTopics);
        WriteSecurity(w, image.Security);
    }

    /// <summary>An image; <paramref name="withSecurity"/> false reads one written before images carried users and ACLs (a node's old snapshot).</summary>
    private static MetadataImage ReadImage(ref WireReader r, bool withSecurity)
    {
        var version = r.Int64();
        var controllerEpoch = r.Int32();
        return new MetadataImage(version, controllerEpoch, r.BrokerNodes(), ReadTopicImages(ref r), ReadTopicImages(ref r))
        {
            Security = withSecurity ? ReadSecurity(ref r) : SecurityImage.Empty,
        };
    }

    private static void WriteSecurity(WireWriter w, SecurityImage security)
    {
        w.Int32(security.Users.Count);
        foreach (var (user, credentials) in security.Users)
        {
            w.String(user);
            w.Int32(credentials.Count);
            foreach (var credential in credentials) ProtocolCodec.WriteCredential(w, credential);
        }
        ProtocolCodec.WriteAcls(w, security.Acls);
    }

    private static SecurityImage ReadSecurity(ref WireReader r)
    {
        var count = r.Count(minElementBytes: 6);
        var users = new Dictionary<string, IReadOnlyList<ScramCredential>>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var user = r.RequiredString();
            var credentialCount = r.Count(minElementBytes: 18);
            var credentials = new List<ScramCredential>(credentialCount);
            for (var c = 0; c < credentialCount; c++) credentials.Add(ProtocolCodec.ReadCredential(ref r));
            if (!users.TryAdd(user, credentials)) throw new FormatException($"user '{user}' appears twice");
        }
        return new SecurityImage(users, ProtocolCodec.ReadAcls(ref r));
    }

    private static void WriteTopicImages(WireWriter w, IReadOnlyDictionary<string, TopicImage> topics)
    {
        w.Int32(topics.Count);
        foreach (var topic in topics.Values)
        {
            w.String(topic.Name);
            w.Guid(topic.TopicId);
            w.StringMap(topic.Configs);
            WriteConfig(w, topic.Config);
            w.Int32(topic.Partitions.Count);
            foreach (var p in topic.Partitions)
            {
                w.Int32(p.Partition);
                w.StringList(p.Replicas);
                w.String(p.Leader);
                w.Int32(p.LeaderEpoch);
                w.StringList(p.Isr);
                w.Int32(p.PartitionEpoch);
            }
        }
    }

    private static Dictionary<string, TopicImage> ReadTopicImages(ref WireReader r)
    {
        var count = r.Count(minElementBytes: 50);
        var topics = new Dictionary<string, TopicImage>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var name = r.RequiredString();
            var topicId = r.Guid();
            var configs = r.StringMap();
            var config = ReadConfig(ref r);
            var partitionCount = r.Count(minElementBytes: 18);
            var partitions = new List<PartitionImage>(partitionCount);
            for (var p = 0; p < partitionCount; p++)
                partitions.Add(new PartitionImage(r.Int32(), r.RequiredStringList(), r.String(), r.Int32(), r.RequiredStringList(), r.Int32()));
            if (!topics.TryAdd(name, new TopicImage(name, topicId, configs, config, partitions))) throw new FormatException($"topic '{name}' appears twice");
        }
        return topics;
    }

    private static void WriteConfig(WireWriter w, TopicConfig config)
    {
        w.Int32(config.MinInsyncReplicas);
        w.Int64(config.RetentionMs);
        w.Int64(config.RetentionBytes);
        w.Int32(config.MaxMessageBytes);
        w.Int16(config.UncleanLeaderElectionEnable ? (short)1 : (short)0);
    }

    private static TopicConfig ReadConfig(ref WireReader r) => new()
    {
        MinInsyncReplicas = r.Int32(),
        RetentionMs = r.Int64(),
        RetentionBytes = r.Int64(),
        MaxMessageBytes = r.Int32(),
        UncleanLeaderElectionEnable = r.Int16() != 0,
    };

    private static void WriteAssignment(WireWriter w, PartitionAssignment a)
    {
        w.StringList(a.Replicas);
        w.String(a.Leader);
        w.Int32(a.LeaderEpoch);
        w.StringList(a.Isr);
        w.Int32(a.PartitionEpoch);
    }

    private static PartitionAssignment ReadAssignment(ref WireReader r) =>
        new(r.RequiredStringList(), r.String(), r.Int32(), r.RequiredStringList(), r.Int32());

    private static void WriteAssignments(WireWriter w, IReadOnlyList<PartitionAssignment> assignments)
    {
        w.Int32(assignments.Count);
        foreach (var a in assignments) WriteAssignment(w, a);
    }

    private static List<PartitionAssignment> ReadAssignments(ref WireReader r)
    {
        var count = r.Count(minElementBytes: 18);
        var list = new List<PartitionAssignment>(count);
        for (var i = 0; i < count; i++) list.Add(ReadAssignment(ref r));
        return list;
    }

    private static void WriteTopicStates(WireWriter w, IReadOnlyList<TopicState> topics)
    {
        w.Int32(topics.Count);
        foreach (var t in topics)
        {
            w.String(t.Name);
            w.Guid(t.TopicId);
            w.StringMap(t.Configs);
            WriteAssignments(w, t.Partitions);
        }
    }

    private static List<TopicState> ReadTopicStates(ref WireReader r)
    {
        var count = r.Count(minElementBytes: 26);
        var list = new List<TopicState>(count);
        for (var i = 0; i < count; i++) list.Add(new TopicState(r.RequiredString(), r.Guid(), r.StringMap(), ReadAssignments(ref r)));
        return list;
    }
}
