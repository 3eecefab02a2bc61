using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using ActorBroker.MultiNode;
using Xunit.Abstractions;

namespace ActorBroker.Cli.Tests;

/// <summary>
/// A real node process that runs out of file descriptors (EMFILE) while clients connect to its Kafka listener: its
/// RLIMIT_NOFILE is lowered from outside, to a little above what it holds, with prlimit(2). The accept loop must log it
/// once, not spin, not die, and serve clients once descriptors are free again. It does, when the process survives:
/// in two runs of four the node was killed first by .NET itself ("Exception thrown from SocketAsyncEngine event loop:
/// OutOfMemoryException at Thread.StartCore", exit 134: the thread pool could not start a thread without descriptors),
/// which no accept loop can prevent. So it is skipped in CI, and max-connections keeps a node away from its descriptor
/// limit (the listener warns at start when it does not); remove Skip to run it by hand.
/// </summary>
[Trait("Category", "Slow")]
[Collection(ClusterNodesCollection.Name)]
public sealed partial class KafkaAcceptOutOfDescriptorsTests(ITestOutputHelper output) : IDisposable
{
    private const int RlimitNofile = 7; // Linux, every architecture .NET runs on
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(60);
    private readonly string _directory = Directory.CreateTempSubdirectory("actorbroker-emfile-").FullName;
    private NodeProcess? _node;

    [Fact(Skip = "by hand: .NET fails fast about half the time when a process is out of file descriptors (see the class comment)")]
    public async Task A_node_out_of_file_descriptors_logs_accept_failing_once_and_serves_kafka_clients_when_descriptors_are_free()
    {
        if (!OperatingSystem.IsLinux()) return; // prlimit(2) and /proc are Linux's; the project's CI runs there
        _node = NodeProcess.Start(["node", "--port", "0", "--data-dir", Path.Combine(_directory, "data"), "--kafka-listener", "127.0.0.1:0"]);
        var line = await _node.WaitForLineAsync("Kafka clients connect on", Startup);
        var kafka = new IPEndPoint(IPAddress.Loopback, int.Parse(KafkaPort().Match(line).Groups[1].Value, CultureInfo.InvariantCulture));
        await ServedAsync(kafka);

        var open = Directory.GetFiles($"/proc/{_node.Pid}/fd").Length;
        var limit = (ulong)open + 16;
        var rlimit = new RLimit(limit, limit);
        Assert.True(Prlimit(_node.Pid, RlimitNofile, ref rlimit, IntPtr.Zero) == 0, $"prlimit failed: errno {Marshal.GetLastPInvokeError()}");
        output.WriteLine($"node {_node.Pid} holds {open} descriptors; its limit is now {limit}");

        // More clients than descriptors left: the first few are accepted, then accept fails with EMFILE and the rest wait in the backlog.
        var clients = new List<Socket>();
        for (var i = 0; i < 64; i++)
        {
            var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await client.ConnectAsync(kafka).WaitAsync(TimeSpan.FromSeconds(10));
            clients.Add(client);
        }

        await _node.WaitForLineAsync("cannot accept connections", TimeSpan.FromSeconds(30));
        // Nothing to poll for: an accept loop that spins would write more such lines, or die, within this time.
        await Task.Delay(TimeSpan.FromSeconds(2));
        foreach (var l in _node.Output.Where(l => l.Contains("accept", StringComparison.OrdinalIgnoreCase))) output.WriteLine(l);
        Assert.False(_node.HasExited, "the node exited");
        // One line per episode: an accept that succeeds in between (a descriptor freed) ends one, and is logged too.
        var episodes = _node.Output.Count(l => l.Contains("cannot accept connections", StringComparison.Ordinal));
        Assert.InRange(episodes, 1, 1 + _node.Output.Count(l => l.Contains("accepts connections again", StringComparison.Ordinal)));

        foreach (var client in clients) client.Dispose();
        await _node.WaitForLineAsync("accepts connections again", TimeSpan.FromSeconds(30));
        await ServedAsync(kafka);
        Assert.Equal(0, await _node.TerminateAsync(TimeSpan.FromSeconds(30)));
    }

    public void Dispose()
    {
        _node?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>An ApiVersions v0 request on a new connection is answered with its correlation id and no error.</summary>
    private static async Task ServedAsync(IPEndPoint kafka)
    {
        byte[] request = [0, 0, 0, 10, 0, 18, 0, 0, 0, 0, 0, 42, 0xFF, 0xFF]; // size, ApiVersions v0, correlation id 42, null client id
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(kafka).WaitAsync(TimeSpan.FromSeconds(10));
        await socket.SendAsync(request).WaitAsync(TimeSpan.FromSeconds(10));
        var header = new byte[10];
        var read = 0;
        while (read < header.Length)
        {
            var n = await socket.ReceiveAsync(header.AsMemory(read)).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.True(n > 0, "the node closed the connection without an answer");
            read += n;
        }

        Assert.Equal(42, BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4)));
        Assert.Equal(0, BinaryPrimitives.ReadInt16BigEndian(header.AsSpan(8)));
    }

    [GeneratedRegex(@"Kafka clients connect on [^:]+:(\d+)")]
    private static partial Regex KafkaPort();

    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct RLimit(ulong Current, ulong Max);

    [DllImport("libc", EntryPoint = "prlimit", SetLastError = true)]
    private static extern int Prlimit(int pid, int resource, ref RLimit newLimit, IntPtr oldLimit);
}
