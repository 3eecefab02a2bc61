using System.Collections.Immutable;
using ActorBroker.Actors;
using ActorBroker.Actors.Serialization;
using ActorBroker.Cluster.Internal;
using ActorBroker.Cluster.Singleton;
using ActorBroker.Cluster.Status;
using ActorBroker.Remote;

namespace ActorBroker.Cluster.Serialization;

/// <summary>
/// Binary encoding of the messages cluster daemons exchange (joins, gossip, heartbeats, leave/down, state
/// queries, singleton hand-over). Gossip uses <see cref="GossipCodec"/>; every read is bounds-checked and fails as SerializationException.
/// </summary>
internal sealed class ClusterMessageSerializer : BinaryMessageSerializer
{
    public const int Id = 7;

    private static readonly Type[] BoundTypes =
    [
        typeof(InitJoin), typeof(InitJoinAck), typeof(InitJoinNack), typeof(Join), typeof(Welcome), typeof(GossipEnvelope),
        typeof(Leave), typeof(Down), typeof(ClusterHeartbeat), typeof(ClusterHeartbeatResponse), typeof(GetClusterState), typeof(CurrentClusterState),
        typeof(HandOverToMe), typeof(HandOverDone),
    ];

    public override int Identifier => Id;

    public static void Register(ActorSystem system)
    {
        system.Serialization.AddSerializer(new ClusterMessageSerializer());
        foreach (var type in BoundTypes) system.Serialization.Bind(type, Id);
        // Placement reports are rare tool queries of strings and numbers: JSON keeps them readable by any tool.
        foreach (var type in new[] { typeof(GetPlacementStatus), typeof(PlacementStatus), typeof(SingletonPlacement), typeof(ShardPlacement) })
            system.Serialization.Bind(type, JsonMessageSerializer.Id);
    }

    public override string Manifest(object obj) => obj switch
    {
        InitJoin => "IJ",
        InitJoinAck => "IJA",
        InitJoinNack => "IJN",
        Join => "J",
        Welcome => "W",
        GossipEnvelope => "G",
        Leave => "L",
        Down => "D",
        ClusterHeartbeat => "HB",
        ClusterHeartbeatResponse => "HBR",
        GetClusterState => "GCS",
        CurrentClusterState => "CS",
        HandOverToMe => "SHO",
        HandOverDone => "SHD",
        _ => throw new SerializationException($"ClusterMessageSerializer cannot serialize {obj.GetType().FullName}"),
    };

    protected override string Describes => "cluster message";

    protected override void Write(BinaryWriter w, object obj)
    {
        switch (obj)
        {
            case InitJoinAck a:
                w.Write(a.Address.ToString());
                break;
            case InitJoinNack n:
                w.Write(n.Address.ToString());
                break;
            case Join j:
                WriteNode(w, j.Node);
                WriteStrings(w, j.Roles);
                break;
            case Welcome welcome:
                WriteNode(w, welcome.From);
                WriteGossip(w, welcome.Gossip);
                break;
            case GossipEnvelope g:
                WriteNode(w, g.From);
                WriteNode(w, g.To);
                WriteGossip(w, g.Gossip);
                break;
            case Leave l:
                w.Write(l.Address.ToString());
                break;
            case Down d:
                w.Write(d.Address.ToString());
                break;
            case ClusterHeartbeat h:
                WriteNode(w, h.From);
                break;
            case ClusterHeartbeatResponse r:
                WriteNode(w, r.From);
                break;
            case CurrentClusterState s:
                WriteState(w, s);
                break;
        }
    }

    protected override object Read(BinaryReader r, string manifest) => manifest switch
    {
        "IJ" => InitJoin.Instance,
        "IJA" => new InitJoinAck(ReadAddress(r)),
        "IJN" => new InitJoinNack(ReadAddress(r)),
        "J" => new Join(ReadNode(r), ReadStrings(r, limit: 10_000)),
        "W" => new Welcome(ReadNode(r), ReadGossip(r)),
        "G" => new GossipEnvelope(ReadNode(r), ReadNode(r), ReadGossip(r)),
        "L" => new Leave(ReadAddress(r)),
        "D" => new Down(ReadAddress(r)),
        "HB" => new ClusterHeartbeat(ReadNode(r)),
        "HBR" => new ClusterHeartbeatResponse(ReadNode(r)),
        "GCS" => GetClusterState.Instance,
        "CS" => ReadState(r),
        "SHO" => HandOverToMe.Instance,
        "SHD" => HandOverDone.Instance,
        _ => throw new SerializationException($"ClusterMessageSerializer does not know manifest '{manifest}'"),
    };

    private static void WriteNode(BinaryWriter w, UniqueAddress node)
    {
        w.Write(node.Address.ToString());
        w.Write(node.Uid);
    }

    private static UniqueAddress ReadNode(BinaryReader r) => new(ReadAddress(r), r.ReadInt64());

    private static Address ReadAddress(BinaryReader r) => Address.Parse(r.ReadString());


    private static void WriteGossip(BinaryWriter w, Gossip gossip)
    {
        var bytes = GossipCodec.Encode(gossip);
        w.Write(bytes.Length);
        w.Write(bytes);
    }

    private static Gossip ReadGossip(BinaryReader r)
    {
        var length = r.ReadInt32();
        if (length < 0 || length > r.BaseStream.Length - r.BaseStream.Position) throw new FormatException($"gossip length {length} exceeds the message");
        return GossipCodec.Decode(r.ReadBytes(length));
    }

    private static void WriteState(BinaryWriter w, CurrentClusterState state)
    {
        w.Write(state.Members.Count);
        foreach (var m in state.Members)
        {
            WriteNode(w, m.UniqueAddress);
            w.Write((byte)m.Status);
            w.Write(m.UpNumber);
            WriteStrings(w, m.Roles);
            w.Write(state.Unreachable.Contains(m));
            w.Write(state.SeenBy.Contains(m.Address));
        }

        w.Write(state.Leader?.ToString() ?? "");
        w.Write(state.RecentlyRemoved.Count);
        foreach (var node in state.RecentlyRemoved) WriteNode(w, node);
    }

    private static CurrentClusterState ReadState(BinaryReader r)
    {
        var count = r.ReadInt32();
        if (count < 0 || count > 100_000) throw new FormatException($"implausible member count {count}");
        var members = ImmutableSortedSet.CreateBuilder(Member.Ordering);
        var unreachable = ImmutableHashSet.CreateBuilder<Member>();
        var seen = ImmutableHashSet.CreateBuilder<Address>();
        for (var i = 0; i < count; i++)
        {
            var node = ReadNode(r);
            var status = (MemberStatus)r.ReadByte();
            var upNumber = r.ReadInt32();
            if (!Enum.IsDefined(status)) throw new FormatException($"unknown member status {(byte)status}");
            var member = Member.Restore(node, status, upNumber, [.. ReadStrings(r, limit: 10_000)]);
            members.Add(member);
            if (r.ReadBoolean()) unreachable.Add(member);
            if (r.ReadBoolean()) seen.Add(member.Address);
        }

        var leader = r.ReadString();
        var removedCount = r.ReadInt32();
        if (removedCount < 0 || removedCount > 100_000) throw new FormatException($"implausible removed count {removedCount}");
        var removed = ImmutableSortedSet.CreateBuilder<UniqueAddress>();
        for (var i = 0; i < removedCount; i++) removed.Add(ReadNode(r));
        return new CurrentClusterState(members.ToImmutable(), unreachable.ToImmutable(), seen.ToImmutable(), leader.Length == 0 ? null : Address.Parse(leader))
        {
            RecentlyRemoved = removed.ToImmutable(),
        };
    }
}
