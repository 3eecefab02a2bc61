using ActorBroker.FaultTests.Cluster;

namespace ActorBroker.FaultTests.Nemeses;

/// <summary>What a nemesis acts on: the cluster, the firewall (null when network faults cannot run here), and the run's seeded random source.</summary>
public sealed record FaultContext(FaultCluster Cluster, FaultFirewall? Firewall, Random Random, RunLog Log)
{
    public FaultNode AnyRunningNode()
    {
        var running = Cluster.Nodes.Where(n => n.Running).ToList();
        return running.Count > 0 ? running[Random.Next(running.Count)] : throw new InvalidOperationException("no node is running");
    }

    /// <summary>A hold between <paramref name="minSeconds"/> and <paramref name="maxSeconds"/>, from the seeded source.</summary>
    public TimeSpan Between(double minSeconds, double maxSeconds) => TimeSpan.FromSeconds(minSeconds + (Random.NextDouble() * (maxSeconds - minSeconds)));

    public FaultFirewall RequireFirewall() => Firewall ?? throw new InvalidOperationException("network faults need iptables and cgroups, which are not available");
}
