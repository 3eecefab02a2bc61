using System.Net;
using System.Net.Sockets;
using ActorBroker.Actors;

namespace ActorBroker.TestKit.MultiNode;

/// <summary>Cluster helpers: short membership timings and starting members that join through seeds.</summary>
public sealed partial class TestNodes
{
    /// <summary>
    /// provider = cluster with timings scaled down for tests: heartbeats every 200 ms, a member is suspected after
    /// about two seconds of silence (margin for loaded CI machines), the split brain resolver acts after one stable second,
    /// and singleton hand-overs and look-ups retry every 200 ms.
    /// </summary>
    public const string ClusterConfig = """
        actorbroker.actor.provider = cluster
        actorbroker.cluster {
          seed-node-timeout = 500ms
          gossip-interval = 200ms
          leader-actions-interval = 200ms
          unreachable-nodes-reaper-interval = 200ms
          leave-timeout = 10s
          failure-detector {
            heartbeat-interval = 200ms
            acceptable-heartbeat-pause = 2s
            expected-response-after = 500ms
          }
          split-brain-resolver.stable-after = 1s
          singleton.hand-over-retry-interval = 200ms
          singleton-proxy.singleton-identification-interval = 200ms
        }
        """;

    /// <summary>A free loopback port, for nodes that must know their address before they start (first seeds, restarts).</summary>
    public static int FreePort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    /// <summary>The address a node of this set will have on <paramref name="port"/>.</summary>
    public Address AddressOn(int port) => new("abroker.tcp", SystemName, "127.0.0.1", port);

    /// <summary>Starts a cluster member that joins through <paramref name="seeds"/>; extra HOCON (roles, port) may be given.</summary>
    public ActorSystem StartMember(IEnumerable<Address> seeds, string? config = null, int port = 0)
    {
        var seedList = string.Join(", ", seeds.Select(s => $"\"{s}\""));
        return StartNode($"""
            actorbroker.remote.port = {port}
            actorbroker.cluster.seed-nodes = [{seedList}]
            {config}
            """);
    }
}
