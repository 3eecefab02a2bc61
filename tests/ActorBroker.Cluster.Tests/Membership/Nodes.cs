using ActorBroker.Actors;
using ActorBroker.Remote;

namespace ActorBroker.Cluster.Tests.Membership;

/// <summary>Terse builders of nodes and members: node N listens on port 2550 + N, so lower N = lower address.</summary>
internal static class Nodes
{
    public static UniqueAddress Node(int n, long uid = 1) => new(new Address("abroker.tcp", "sys", "127.0.0.1", 2550 + n), uid);

    public static Member Joining(int n, params string[] roles) => Member.Create(Node(n), roles);

    public static Member Up(int n, int upNumber = 1, params string[] roles) => Joining(n, roles).CopyUp(upNumber);

    public static Member WithStatus(int n, MemberStatus status, int upNumber = 1, params string[] roles) => status switch
    {
        MemberStatus.Joining => Joining(n, roles),
        MemberStatus.Up => Up(n, upNumber, roles),
        MemberStatus.Exiting => Up(n, upNumber, roles).Copy(MemberStatus.Leaving).Copy(MemberStatus.Exiting),
        _ => Up(n, upNumber, roles).Copy(status),
    };

    /// <summary>A gossip holding <paramref name="members"/>, seen by all of them.</summary>
    public static Gossip SeenByAll(params Member[] members) =>
        members.Aggregate(Gossip.Create(members), (g, m) => g.Seen(m.UniqueAddress));
}
