using ActorBroker.Actors;
using ActorBroker.Actors.Serialization;
using ActorBroker.Cluster.Internal;
using ActorBroker.Cluster.Serialization;
using ActorBroker.Remote;

namespace ActorBroker.Cluster.Tests;

public sealed class ClusterMessageSerializerTests
{
    private static readonly UniqueAddress A = new(Address.Parse("abroker.tcp://broker@127.0.0.1:2552"), 11);
    private static readonly UniqueAddress B = new(Address.Parse("abroker.tcp://broker@127.0.0.1:2553"), -22);
    private readonly ClusterMessageSerializer _serializer = new();

    private object RoundTrip(object message) => _serializer.FromBinary(_serializer.ToBinary(message), _serializer.Manifest(message));

    [Fact]
    public void Join_heartbeat_leave_and_down_round_trip()
    {
        var join = (Join)RoundTrip(new Join(A, ["broker", "controller"]));
        Assert.Equal(A, join.Node);
        Assert.Equal(["broker", "controller"], join.Roles);
        Assert.Equal(new ClusterHeartbeat(B), RoundTrip(new ClusterHeartbeat(B)));
        Assert.Equal(new ClusterHeartbeatResponse(A), RoundTrip(new ClusterHeartbeatResponse(A)));
        Assert.Equal(new Leave(A.Address), RoundTrip(new Leave(A.Address)));
        Assert.Equal(new Down(B.Address), RoundTrip(new Down(B.Address)));
        Assert.Same(InitJoin.Instance, RoundTrip(InitJoin.Instance));
        Assert.Equal(new InitJoinAck(A.Address), RoundTrip(new InitJoinAck(A.Address)));
    }

    [Fact]
    public void Gossip_envelopes_keep_members_and_version()
    {
        var gossip = Gossip.Create([Member.Create(A, ["broker"]).Copy(MemberStatus.Up), Member.Create(B, [])]).Increment(A);

        var envelope = (GossipEnvelope)RoundTrip(new GossipEnvelope(A, B, gossip));

        Assert.Equal(A, envelope.From);
        Assert.Equal(B, envelope.To);
        Assert.Equal(2, envelope.Gossip.Members.Count);
        Assert.Equal(MemberStatus.Up, envelope.Gossip.GetMember(A)!.Status);
        Assert.True(envelope.Gossip.Version.IsSameAs(gossip.Version));
    }

    [Fact]
    public void The_cluster_state_reply_keeps_statuses_reachability_leader_and_removed_nodes()
    {
        var up = Member.Create(A, ["broker"]).Copy(MemberStatus.Up);
        var down = Member.Create(B, []).Copy(MemberStatus.Down);
        var members = System.Collections.Immutable.ImmutableSortedSet.Create(Member.Ordering, up, down);
        var state = new CurrentClusterState(members, [down], [A.Address], A.Address) { RecentlyRemoved = [new UniqueAddress(B.Address, 99)] };

        var read = (CurrentClusterState)RoundTrip(state);

        Assert.Equal(MemberStatus.Down, read.Members.Single(m => m.UniqueAddress.Equals(B)).Status);
        Assert.Contains(read.Unreachable, m => m.UniqueAddress.Equals(B));
        Assert.Equal(A.Address, read.Leader);
        Assert.Equal(99, Assert.Single(read.RecentlyRemoved).Uid);
    }

    [Fact]
    public void Garbage_and_truncated_messages_fail_only_as_serialization_errors()
    {
        var gossip = Gossip.Create([Member.Create(A, ["broker"]), Member.Create(B, [])]).Increment(A);
        var valid = _serializer.ToBinary(new GossipEnvelope(A, B, gossip));
        var random = new Random(4);
        for (var i = 0; i < 3000; i++)
        {
            byte[] bytes;
            if (i % 2 == 0)
            {
                bytes = valid[..random.Next(valid.Length)];
            }
            else
            {
                bytes = (byte[])valid.Clone();
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            foreach (var manifest in new[] { "G", "W", "J", "CS" })
            {
                try
                {
                    _serializer.FromBinary(bytes, manifest);
                }
                catch (SerializationException)
                {
                }
            }
        }
    }
}
