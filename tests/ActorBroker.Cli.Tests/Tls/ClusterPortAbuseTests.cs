using System.Net;
using System.Net.Sockets;
using ActorBroker.Cli.Quickstart;
using ActorBroker.Tls;
using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using Xunit.Abstractions;

namespace ActorBroker.Cli.Tests.Tls;

/// <summary>
/// The cluster port of a TLS node under garbage: connections that send random bytes, forged TLS records (a handshake
/// record header with random lengths and bodies) and mutated copies of a real ClientHello prefix, many frames each.
/// The node refuses each at the TLS layer, stays Up, and a member with a certificate of the cluster's CA still joins.
/// </summary>
[Trait("Category", "Slow")]
[Collection(ClusterNodesCollection.Name)]
public sealed class ClusterPortAbuseTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Connections = 2_000;
    private const int FramesPerConnection = 50;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly TestCertificates _certificates = new();
    private readonly List<ActorSystem> _systems = [];
    private readonly List<TlsCredentials> _credentials = [];

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Random_and_forged_frames_on_many_connections_leave_the_node_up_and_joinable()
    {
        var seed = Start("node1");
        Cluster.Get(seed).Join(Cluster.Get(seed).SelfAddress);
        Assert.True(await Poll.UntilAsync(() => UpCount(seed) == 1, Patience), "the seed never became Up");
        var port = Cluster.Get(seed).SelfAddress.Port!.Value;

        var random = new Random(19);
        var offered = 0;
        // A few connections at a time: the point is what the node does with the bytes, not a connection flood.
        for (var batch = 0; batch < Connections / 20; batch++)
        {
            var sends = Enumerable.Range(0, 20).Select(i => SendGarbageAsync(port, new Random(random.Next()), (batch * 20 + i) % 3));
            offered += (await Task.WhenAll(sends)).Sum();
        }

        // The node gives up on a connection at its first bad TLS record; frames written after it fill socket buffers.
        output.WriteLine($"{offered} frames written on {Connections} connections");
        Assert.True(offered >= Connections, $"only {offered} frames were offered");
        Assert.Equal(MemberStatus.Up, Cluster.Get(seed).SelfMember.Status);
        var member = Start("node2");
        Cluster.Get(member).Join(Cluster.Get(seed).SelfAddress);
        Assert.True(await Poll.UntilAsync(() => UpCount(seed) == 2 && UpCount(member) == 2, Patience), "a real member could not join after the garbage");
    }

    /// <summary>One connection's frames of <paramref name="kind"/>, until all are written or the node closes it; how many were written.</summary>
    private static async Task<int> SendGarbageAsync(int port, Random random, int kind)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(IPAddress.Loopback, port).WaitAsync(TimeSpan.FromSeconds(5));
            var written = 0;
            for (var i = 0; i < FramesPerConnection; i++)
            {
                var frame = kind switch
                {
                    0 => RandomBytes(random, random.Next(1, 4096)),
                    1 => ForgedRecord(random),
                    _ => MutatedClientHello(random),
                };
                await socket.SendAsync(frame, SocketFlags.None).WaitAsync(TimeSpan.FromSeconds(5));
                written++;
            }

            return written;
        }
        catch (Exception e) when (e is SocketException or TimeoutException or ObjectDisposedException)
        {
            // The node closed the connection (or stopped reading it): what the test wants it to do.
            return 1;
        }
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>A TLS handshake record header (type 22, version 3.x) with a random length, up to 2^16, and a random body.</summary>
    private static byte[] ForgedRecord(Random random)
    {
        var declared = random.Next(0, 65536);
        var body = RandomBytes(random, Math.Min(declared, random.Next(0, 2048)));
        return [22, 3, (byte)random.Next(0, 5), (byte)(declared >> 8), (byte)declared, .. body];
    }

    /// <summary>The start of a TLS 1.2 ClientHello with a few bytes flipped.</summary>
    private static byte[] MutatedClientHello(Random random)
    {
        byte[] hello = [22, 3, 1, 0, 200, 1, 0, 0, 196, 3, 3, .. RandomBytes(random, 32), 0, 0, 4, 0x13, 0x01, 0xc0, 0x2f, 1, 0, 0, 100, .. RandomBytes(random, 100)];
        for (var flips = random.Next(1, 8); flips > 0; flips--) hello[random.Next(hello.Length)] = (byte)random.Next(256);
        return hello;
    }

    private ActorSystem Start(string name)
    {
        var config = ConfigurationFactory.ParseString("""
            akka.loglevel = ERROR
            akka.stdout-loglevel = OFF
            akka.actor.provider = cluster
            akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0, connection-timeout = 2s }
            akka.remote.retry-gate-closed-for = 200ms
            akka.cluster { seed-node-timeout = 1s, retry-unsuccessful-join-after = 1s, periodic-tasks-initial-delay = 200ms, gossip-interval = 200ms, leader-actions-interval = 200ms }
            akka.coordinated-shutdown { exit-clr = off, run-by-clr-shutdown-hook = off }
            """);
        var credentials = TlsCredentials.Load(_certificates.Settings(name));
        _credentials.Add(credentials);
        var system = ActorSystem.Create("tls", TlsCredentials.SystemSetup(config, credentials));
        _systems.Add(system);
        return system;
    }

    private static int UpCount(ActorSystem system) => Cluster.Get(system).State.Members.Count(m => m.Status == MemberStatus.Up);

    public async Task DisposeAsync()
    {
        await Task.WhenAll(_systems.Select(s => s.Terminate()));
        foreach (var credentials in _credentials) credentials.Dispose();
        _certificates.Dispose();
    }
}
