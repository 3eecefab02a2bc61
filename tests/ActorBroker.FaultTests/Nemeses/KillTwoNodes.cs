using ActorBroker.FaultTests.Cluster;

namespace ActorBroker.FaultTests.Nemeses;

/// <summary>SIGKILL two of the three nodes at once (a majority: the survivor cannot serve acks=all with min.insync 2), then restart both.</summary>
public sealed class KillTwoNodes : INemesis
{
    private List<FaultNode> _victims = [];

    public string Kind => "kill-two";

    public Task<InjectedFault> InjectAsync(FaultContext context)
    {
        _victims = [.. context.Cluster.Nodes.Where(n => n.Running).OrderBy(_ => context.Random.Next()).Take(2)];
        foreach (var victim in _victims) context.Cluster.Kill(victim);
        return Task.FromResult(new InjectedFault($"SIGKILL {string.Join(" and ", _victims)}, restart both", context.Between(3, 6)));
    }

    public Task HealAsync(FaultContext context) => Task.WhenAll(_victims.Where(v => !v.Running).Select(context.Cluster.RestartAsync));
}
