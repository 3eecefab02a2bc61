using System.Net;
using System.Net.Sockets;
using ActorBroker.Broker.ClusterPort;
using Akka.Actor;
using Akka.Configuration;
using Xunit.Abstractions;

namespace ActorBroker.Broker.Tests.ClusterPort;

/// <summary>
/// The cluster port's connection limits on a real Akka.Remote (DotNetty) transport: raw TCP connections from several
/// loopback addresses, as a flood would open them, and an Akka.NET system that must still be served once they end.
/// </summary>
public sealed class ConnectionLimitTests(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(LimitedNode, output: output)
{
    private static readonly Config LimitedNode = ConfigurationFactory.ParseString("""
        akka.actor.provider = remote
        akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
        actorbroker.broker.cluster-port { max-connections = 3, max-connections-per-ip = 2 }
        """).WithFallback(ClusterPortAdapters.Config);

    private int Port => ((ExtendedActorSystem)Sys).Provider.DefaultAddress.Port!.Value;

    [Fact]
    public async Task Connections_over_the_per_address_and_total_limits_are_closed_and_places_free_when_connections_end()
    {
        using var first = Connect("127.0.0.1");
        using var second = Connect("127.0.0.1");
        await AwaitOpenAsync(first, second);
        using var thirdFromSameAddress = Connect("127.0.0.1");
        await AwaitClosedAsync(thirdFromSameAddress); // max-connections-per-ip = 2

        using var fromAnother = Connect("127.0.0.2");
        await AwaitOpenAsync(fromAnother);
        using var overTotal = Connect("127.0.0.3");
        await AwaitClosedAsync(overTotal); // max-connections = 3

        // A connection that ends gives its place back (Akka's layer sees its end and releases it).
        first.Dispose();
        await AwaitAssertAsync(async () =>
        {
            using var again = Connect("127.0.0.3");
            await AwaitOpenAsync(again);
        }, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task Akka_NET_peers_are_served_through_the_limited_port_once_a_flood_has_ended()
    {
        var flood = Enumerable.Range(0, 10).Select(_ => Connect("127.0.0.1")).ToList();
        await AwaitClosedAsync(flood[^1]);
        flood.ForEach(s => s.Dispose());

        var echo = Sys.ActorOf(Props.Create(() => new EchoActor()), "echo");
        using var peer = ActorSystem.Create("peer", ConfigurationFactory.ParseString("""
            akka.actor.provider = remote
            akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
            """));
        var remoteEcho = await peer.ActorSelection(echo.Path.ToStringWithAddress(((ExtendedActorSystem)Sys).Provider.DefaultAddress))
            .ResolveOne(TimeSpan.FromSeconds(10));

        Assert.Equal("hello", await remoteEcho.Ask<string>("hello", TimeSpan.FromSeconds(10)));
        await peer.Terminate();
    }

    private Socket Connect(string fromAddress)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Parse(fromAddress), 0));
        socket.Connect(new IPEndPoint(IPAddress.Loopback, Port));
        return socket;
    }

    /// <summary>The node closed it: a read returns end of stream.</summary>
    private async Task AwaitClosedAsync(Socket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var read = await socket.ReceiveAsync(new byte[16], SocketFlags.None, timeout.Token);
        Assert.Equal(0, read);
    }

    /// <summary>Still open a while after the node saw it (nothing is sent before the peer's handshake).</summary>
    private static async Task AwaitOpenAsync(params Socket[] sockets)
    {
        foreach (var socket in sockets)
        {
            using var quiet = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
            try
            {
                var read = await socket.ReceiveAsync(new byte[16], SocketFlags.None, quiet.Token);
                Assert.Fail($"the node {(read == 0 ? "closed" : "wrote to")} a connection within its limits");
            }
            catch (OperationCanceledException)
            {
                // Nothing arrived and the connection stayed open: admitted.
            }
        }
    }

    private sealed class EchoActor : ReceiveActor
    {
        public EchoActor() => Receive<string>(text => Sender.Tell(text));
    }
}
