using ActorBroker.Tls;
using Akka.Actor;

namespace ActorBroker.Cli.Tests.Tls;

/// <summary>
/// The validator records a peer's role under the name Akka.Remote gives it (a socket address for inbound connections,
/// the dialled Akka address for outbound ones); the adapter finds it under the handle's remote address.
/// </summary>
public sealed class PeerRolesTests
{
    private readonly PeerRoles _roles = new();

    [Theory]
    [InlineData("127.0.0.1:40312", "127.0.0.1")]
    [InlineData("[::ffff:127.0.0.1]:40312", "127.0.0.1")] // a dual-mode socket's IPv4 peer
    [InlineData("[::ffff:127.0.0.1]:40312", "[::ffff:127.0.0.1]")]
    [InlineData("[::1]:40312", "[::1]")]
    public void An_inbound_peer_is_found_by_the_address_of_its_handle(string socketAddress, string handleHost)
    {
        _roles.Record(socketAddress, PeerRole.Client);

        Assert.Equal(PeerRole.Client, _roles.Inbound(new Address("akka.ssl.tcp", "broker", handleHost, 40312)));
        Assert.Null(_roles.Inbound(new Address("akka.ssl.tcp", "broker", handleHost, 40313)));
        Assert.Null(_roles.Outbound(new Address("akka.ssl.tcp", "broker", handleHost, 40312)));
    }

    [Fact]
    public void An_outbound_peer_is_found_by_the_address_dialled_and_both_are_forgotten_when_their_connection_ends()
    {
        // Below Akka's protocol layer addresses have the transport's scheme, without "akka.".
        var dialled = new Address("ssl.tcp", "app", "127.0.0.1", 40000);
        _roles.Record(dialled.ToString(), PeerRole.Client);
        _roles.Record("127.0.0.1:51000", PeerRole.Node);

        Assert.Equal(PeerRole.Client, _roles.Outbound(dialled));
        Assert.Null(_roles.Inbound(dialled));

        _roles.Forget(dialled, inbound: false);
        _roles.Forget(new Address("akka.ssl.tcp", "broker", "127.0.0.1", 51000), inbound: true);

        Assert.Null(_roles.Outbound(dialled));
        Assert.Equal(0, _roles.Count);
    }

    [Fact]
    public void A_refused_outbound_peer_is_known_until_its_connection_ends_and_an_inbound_one_is_not_recorded()
    {
        var dialled = new Address("ssl.tcp", "broker", "127.0.0.1", 2553);
        // Only a transport with the adapter that closes such connections defers the refusal.
        Assert.False(_roles.RecordRefusedOutbound(dialled.ToString()));
        _roles.ClosesRefusedPeers = true;

        Assert.True(_roles.RecordRefusedOutbound(dialled.ToString()));
        Assert.False(_roles.RecordRefusedOutbound("127.0.0.1:40312"));

        Assert.True(_roles.IsRefusedOutbound(dialled));
        Assert.Null(_roles.Outbound(dialled));
        _roles.Forget(dialled, inbound: false);
        Assert.False(_roles.IsRefusedOutbound(dialled));
    }
}
