using ActorBroker.Tls;
using Akka.Actor;

namespace ActorBroker.Cli.Tests.Tls;

/// <summary>
/// The validator records a peer's role under the name Akka.Remote gives it (a socket address for inbound connections,
/// the dialled Akka address for outbound ones); the adapter finds it under the handle's remote address.
/// </summary>
public sealed class PeerRolesTests
{
    private static readonly PeerIdentity App = new(PeerRole.Client, "User:CN=app");
    private static readonly PeerIdentity Node = new(PeerRole.Node, "User:CN=node");
    private readonly PeerRoles _roles = new();

    [Theory]
    [InlineData("127.0.0.1:40312", "127.0.0.1")]
    [InlineData("[::ffff:127.0.0.1]:40312", "127.0.0.1")] // a dual-mode socket's IPv4 peer
    [InlineData("[::ffff:127.0.0.1]:40312", "[::ffff:127.0.0.1]")]
    [InlineData("[::1]:40312", "[::1]")]
    public void An_inbound_peer_is_found_by_the_address_of_its_handle(string socketAddress, string handleHost)
    {
        _roles.Record(socketAddress, App);

        Assert.Equal(App, _roles.Inbound(new Address("akka.ssl.tcp", "broker", handleHost, 40312)));
        Assert.Null(_roles.Inbound(new Address("akka.ssl.tcp", "broker", handleHost, 40313)));
        Assert.Null(_roles.Outbound(new Address("akka.ssl.tcp", "broker", handleHost, 40312)));
    }

    [Fact]
    public void An_outbound_peer_is_found_by_the_address_dialled_and_both_are_forgotten_when_their_connection_ends()
    {
        // Below Akka's protocol layer addresses have the transport's scheme, without "akka.".
        var dialled = new Address("ssl.tcp", "app", "127.0.0.1", 40000);
        _roles.Record(dialled.ToString(), App);
        _roles.Record("127.0.0.1:51000", Node);

        Assert.Equal(App, _roles.Outbound(dialled));
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

    [Fact]
    public void A_clients_system_is_bound_to_one_certificate_while_it_has_a_connection()
    {
        var origin = new Address("akka.ssl.tcp", "app", "127.0.0.1", 40000);

        Assert.True(_roles.BindClient(origin, "User:CN=app"));
        Assert.True(_roles.BindClient(origin, "User:CN=app")); // its second connection (the node dialled back)
        Assert.False(_roles.BindClient(origin, "User:CN=other"));
        Assert.Equal("User:CN=app", _roles.ClientPrincipal(origin));

        _roles.UnbindClient(origin);
        Assert.Equal("User:CN=app", _roles.ClientPrincipal(origin));
        _roles.UnbindClient(origin);
        Assert.Null(_roles.ClientPrincipal(origin));
        Assert.True(_roles.BindClient(origin, "User:CN=other"));
    }
}
