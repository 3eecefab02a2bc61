using System.Collections.Immutable;
using ActorBroker.Actors;
using ActorBroker.Actors.Serialization;
using ActorBroker.Remote;

namespace ActorBroker.Cluster;

/// <summary>
/// The binary form of <see cref="Gossip"/> sent between nodes. A leading format byte versions it; each node
/// incarnation is written once in a table and referred to by index, as gossip names the same few nodes many
/// times. Layout (format 1): nodes (address text, uid), members (node, status, up number, roles), seen
/// (nodes), reachability versions (node, version), reachability records (observer, subject, status, version),
/// vector clock (key, counter), tombstones (node, millis). Counts and indices are LEB128, other integers
/// little-endian, strings UTF-8 with a length.
/// </summary>
public static class GossipCodec
{
    private const byte Format1 = 1;

    // Smallest encodings, used to reject counts the remaining bytes cannot hold before allocating for them.
    private const int MinNodeBytes = 1 + 8;
    private const int MinMemberBytes = 1 + 1 + 4 + 1;
    private const int MinRecordBytes = 1 + 1 + 1 + 8;

    public static byte[] Encode(Gossip gossip)
    {
        ArgumentNullException.ThrowIfNull(gossip);
        var nodes = NodeTable(gossip);
        var w = new GossipWriter();
        w.WriteByte(Format1);

        w.WriteVarint(nodes.Count);
        foreach (var node in nodes.Keys.OrderBy(n => nodes[n]))
        {
            w.WriteString(node.Address.ToString());
            w.WriteInt64(node.Uid);
        }

        w.WriteVarint(gossip.Members.Count);
        foreach (var member in gossip.Members)
        {
            w.WriteVarint(nodes[member.UniqueAddress]);
            w.WriteByte((byte)member.Status);
            w.WriteInt32(member.UpNumber);
            w.WriteVarint(member.Roles.Count);
            foreach (var role in member.Roles.Order(StringComparer.Ordinal)) w.WriteString(role);
        }

        WriteNodes(w, nodes, gossip.SeenBy.Order());
        WriteNodeValues(w, nodes, gossip.Reachability.Versions);

        w.WriteVarint(gossip.Reachability.Records.Count);
        foreach (var record in gossip.Reachability.Records)
        {
            w.WriteVarint(nodes[record.Observer]);
            w.WriteVarint(nodes[record.Subject]);
            w.WriteByte((byte)record.Status);
            w.WriteInt64(record.Version);
        }

        w.WriteVarint(gossip.Version.Versions.Count);
        foreach (var (node, counter) in gossip.Version.Versions)
        {
            w.WriteString(node);
            w.WriteInt64(counter);
        }

        WriteNodeValues(w, nodes, gossip.Tombstones);
        return w.ToArray();
    }

    /// <exception cref="SerializationException">The bytes are truncated, garbage, or of an unknown format.</exception>
    public static Gossip Decode(ReadOnlySpan<byte> bytes)
    {
        var r = new GossipReader(bytes);
        var format = r.ReadByte();
        if (format != Format1) throw r.Invalid($"unknown gossip format {format}; this node reads format {Format1}");

        var nodes = new UniqueAddress[r.ReadCount(MinNodeBytes, "nodes")];
        for (var i = 0; i < nodes.Length; i++)
        {
            var text = r.ReadString();
            if (!Address.TryParse(text, out var address)) throw r.Invalid($"'{text}' is not an address");
            nodes[i] = new UniqueAddress(address, r.ReadInt64());
        }

        var members = ImmutableSortedSet.CreateBuilder(Member.Ordering);
        var memberCount = r.ReadCount(MinMemberBytes, "members");
        for (var i = 0; i < memberCount; i++)
        {
            var node = ReadNode(ref r, nodes);
            var status = ReadEnum<MemberStatus>(ref r, "member status");
            var upNumber = r.ReadInt32();
            var roles = ImmutableHashSet.CreateBuilder<string>();
            var roleCount = r.ReadCount(1, "roles");
            for (var j = 0; j < roleCount; j++) roles.Add(r.ReadString());
            if (!members.Add(Member.Restore(node, status, upNumber, roles.ToImmutable())))
                throw r.Invalid($"member {node} is listed twice");
        }

        var seen = ImmutableHashSet.CreateBuilder<UniqueAddress>();
        var seenCount = r.ReadCount(1, "seen nodes");
        for (var i = 0; i < seenCount; i++) seen.Add(ReadNode(ref r, nodes));

        var reachabilityVersions = ReadNodeValues(ref r, nodes, "reachability versions");
        var records = new ReachabilityRecord[r.ReadCount(MinRecordBytes, "reachability records")];
        for (var i = 0; i < records.Length; i++)
        {
            var observer = ReadNode(ref r, nodes);
            var subject = ReadNode(ref r, nodes);
            records[i] = new ReachabilityRecord(observer, subject, ReadEnum<ReachabilityStatus>(ref r, "reachability status"), r.ReadInt64());
        }

        var clock = new KeyValuePair<string, long>[r.ReadCount(1 + 8, "vector clock entries")];
        for (var i = 0; i < clock.Length; i++) clock[i] = new(r.ReadString(), r.ReadInt64());

        var tombstones = ReadNodeValues(ref r, nodes, "tombstones");
        r.EnsureEnd();

        return Gossip.Restore(
            members.ToImmutable(),
            seen.ToImmutable(),
            Reachability.Restore(records, reachabilityVersions),
            VectorClock.Create(clock),
            tombstones.ToImmutableDictionary());
    }

    private static Dictionary<UniqueAddress, int> NodeTable(Gossip gossip)
    {
        var nodes = new Dictionary<UniqueAddress, int>();
        var all = gossip.Members.Select(m => m.UniqueAddress)
            .Concat(gossip.SeenBy)
            .Concat(gossip.Reachability.Versions.Keys)
            .Concat(gossip.Reachability.Records.SelectMany(r => new[] { r.Observer, r.Subject }))
            .Concat(gossip.Tombstones.Keys);
        foreach (var node in all) nodes.TryAdd(node, nodes.Count);
        return nodes;
    }

    private static void WriteNodes(GossipWriter w, Dictionary<UniqueAddress, int> nodes, IEnumerable<UniqueAddress> items)
    {
        var list = items.ToList();
        w.WriteVarint(list.Count);
        foreach (var node in list) w.WriteVarint(nodes[node]);
    }

    private static void WriteNodeValues(GossipWriter w, Dictionary<UniqueAddress, int> nodes, IEnumerable<KeyValuePair<UniqueAddress, long>> items)
    {
        var list = items.OrderBy(i => i.Key).ToList();
        w.WriteVarint(list.Count);
        foreach (var (node, value) in list)
        {
            w.WriteVarint(nodes[node]);
            w.WriteInt64(value);
        }
    }

    private static Dictionary<UniqueAddress, long> ReadNodeValues(ref GossipReader r, UniqueAddress[] nodes, string what)
    {
        var count = r.ReadCount(1 + 8, what);
        var values = new Dictionary<UniqueAddress, long>(count);
        for (var i = 0; i < count; i++) values[ReadNode(ref r, nodes)] = r.ReadInt64();
        return values;
    }

    private static UniqueAddress ReadNode(ref GossipReader r, UniqueAddress[] nodes)
    {
        var index = r.ReadVarint();
        return index < nodes.Length ? nodes[index] : throw r.Invalid($"node index {index} is outside the table of {nodes.Length}");
    }

    private static T ReadEnum<T>(ref GossipReader r, string what) where T : struct, Enum
    {
        var value = r.ReadByte();
        return Enum.IsDefined(typeof(T), (int)value) ? (T)(object)(int)value : throw r.Invalid($"{value} is not a {what}");
    }
}
