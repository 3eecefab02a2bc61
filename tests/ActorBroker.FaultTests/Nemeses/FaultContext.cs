using ActorBroker.FaultTests.Cluster;

namespace ActorBroker.FaultTests.Nemeses;

/// <summary>What a nemesis acts on: the cluster, the firewall (null when network faults cannot run here), and the run's seeded random source.</summary>
public sealed class FaultContext(FaultCluster cluster, FaultFirewall? firewall, Random random, RunLog log)
{
    public FaultCluster Cluster => cluster;

    public FaultFirewall? Firewall => firewall;

    public Random Random => random;

    public RunLog Log => log;

    private int _turn = -1;

    /// <summary>
    /// The next victim: nodes take turns, from a seeded start, so a short run hits each node rather than whichever
    /// one the random source happens to favour; a node that is not running is passed over.
    /// </summary>
    public FaultNode NextVictim()
    {
        if (_turn < 0) _turn = Random.Next(Cluster.Nodes.Count);
        for (var tried = 0; tried < Cluster.Nodes.Count; tried++)
        {
            var node = Cluster.Nodes[_turn++ % Cluster.Nodes.Count];
            if (node.Running) return node;
        }

        throw new InvalidOperationException("no node is running");
    }

    /// <summary>A hold between <paramref name="minSeconds"/> and <paramref name="maxSeconds"/>, from the seeded source.</summary>
    public TimeSpan Between(double minSeconds, double maxSeconds) => TimeSpan.FromSeconds(minSeconds + (Random.NextDouble() * (maxSeconds - minSeconds)));

    public FaultFirewall RequireFirewall() => Firewall ?? throw new InvalidOperationException("network faults need iptables and cgroups, which are not available");
}
