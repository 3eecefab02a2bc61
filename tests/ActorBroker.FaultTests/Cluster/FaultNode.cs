using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ActorBroker.MultiNode;

namespace ActorBroker.FaultTests.Cluster;

/// <summary>
/// One node's place in a <see cref="FaultCluster"/>: its own loopback address (127.0.0.2, .3, ...), a port free on
/// it, and a SQLite data directory, kept across restarts; and the process running there now, if any.
/// </summary>
public sealed class FaultNode
{
    public FaultNode(int index, string root)
    {
        Index = index;
        Host = $"127.0.0.{(index + 2).ToString(CultureInfo.InvariantCulture)}";
        Port = FreePort(Host);
        DataDir = Path.Combine(root, $"node-{index.ToString(CultureInfo.InvariantCulture)}");
    }

    public int Index { get; }

    public string Host { get; }

    public int Port { get; }

    public string DataDir { get; }

    /// <summary>The broker id metadata uses for this node: <c>host:port</c>.</summary>
    public string Id => $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The process started last, running or not (null before the first start).</summary>
    public NodeProcess? Process { get; set; }

    public bool Running => Process is { HasExited: false };

    /// <summary>Stopped with SIGSTOP and not yet continued.</summary>
    public bool Paused { get; set; }

    public override string ToString() => $"node {Index} ({Id}{(Process is { } p ? $", pid {p.Pid}" : "")})";

    private static int FreePort(string host)
    {
        using var listener = new TcpListener(IPAddress.Parse(host), 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
