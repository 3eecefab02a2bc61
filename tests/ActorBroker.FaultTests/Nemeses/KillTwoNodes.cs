using ActorBroker.FaultTests.Cluster;

namespace ActorBroker.FaultTests.Nemeses;

/// <summary>SIGKILL two of the three nodes at once (a majority: the survivor cannot serve acks=all with min.insync 2), then restart both.</summary>
public sealed class KillTwoNodes : INemesis
{
    private List<FaultNode> _victims = [];

    public string Kind => "kill-two";

    public async Task<InjectedFault> InjectAsync(FaultContext context)
    {
        _victims = [context.NextVictim()];
        _victims.Add(context.NextVictim());
        // Both signals go out before either exit is awaited.
        await Task.WhenAll(_victims.Select(context.Cluster.KillAsync));
        return new InjectedFault($"SIGKILL {string.Join(" and ", _victims)}, restart both", context.Between(3, 6));
    }

    public Task HealAsync(FaultContext context) => Task.WhenAll(_victims.Where(v => !v.Running).Select(context.Cluster.RestartAsync));
}
