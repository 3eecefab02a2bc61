using ActorBroker.Protocol.Messages;

namespace ActorBroker.Protocol.Serialization;

/// <summary>DescribeCluster: what <c>actorbroker cluster status</c> prints.</summary>
public static partial class ProtocolCodec
{
    private const string DescribeClusterRequestManifest = "DQ";
    private const string DescribeClusterResponseManifest = "DR";

    private static bool TryWriteClusterDescription(object message, WireWriter w)
    {
        switch (message)
        {
            case DescribeClusterRequest m:
                w.Int64(m.CorrelationId);
                return true;
            case DescribeClusterResponse m:
                w.LongString(m.SeenBy);
                w.LongString(m.Leader);
                w.Int32(m.Members.Count);
                foreach (var member in m.Members)
                {
                    w.LongString(member.Address);
                    w.Int64(member.Uid);
                    w.String(member.Status);
                    w.Int16(member.Reachable ? (short)1 : (short)0);
                    w.StringList(member.Roles);
                }
                w.LongString(m.ControllerNode);
                w.Int32(m.ShardsPerNode?.Count ?? -1);
                foreach (var (node, shards) in m.ShardsPerNode ?? new Dictionary<string, int>())
                {
                    w.LongString(node);
                    w.Int32(shards);
                }
                w.Int64(m.CorrelationId);
                return true;
            default:
                return false;
        }
    }

    private static object? ReadClusterDescription(ref WireReader r, string manifest) => manifest switch
    {
        DescribeClusterRequestManifest => new DescribeClusterRequest(r.Int64()),
        DescribeClusterResponseManifest => ReadDescribeClusterResponse(ref r),
        _ => null,
    };

    private static DescribeClusterResponse ReadDescribeClusterResponse(ref WireReader r)
    {
        var seenBy = r.LongString() ?? throw new FormatException("the describing node is null");
        var leader = r.LongString();
        var count = r.Count(minElementBytes: 20);
        var members = new List<ClusterMember>(count);
        for (var i = 0; i < count; i++)
            members.Add(new ClusterMember(r.LongString() ?? throw new FormatException("a member address is null"), r.Int64(), r.RequiredString(), r.Int16() != 0, r.RequiredStringList()));
        var controller = r.LongString();
        var nodeCount = r.Count(minElementBytes: 8, nullable: true);
        if (nodeCount == -1) return new DescribeClusterResponse(seenBy, leader, members, controller, null, r.Int64());
        var shards = new Dictionary<string, int>(nodeCount, StringComparer.Ordinal);
        for (var i = 0; i < nodeCount; i++)
        {
            var node = r.LongString() ?? throw new FormatException("a node address is null");
            if (!shards.TryAdd(node, r.Int32())) throw new FormatException($"node '{node}' appears twice");
        }
        return new DescribeClusterResponse(seenBy, leader, members, controller, shards, r.Int64());
    }
}
