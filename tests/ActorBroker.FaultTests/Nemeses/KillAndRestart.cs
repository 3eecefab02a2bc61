using ActorBroker.FaultTests.Cluster;

namespace ActorBroker.FaultTests.Nemeses;

/// <summary>SIGKILL one node, chosen at random, and restart it on its data directory a few seconds later.</summary>
public sealed class KillAndRestart : INemesis
{
    private FaultNode? _victim;

    public string Kind => "kill";

    public async Task<InjectedFault> InjectAsync(FaultContext context)
    {
        _victim = context.NextVictim();
        await context.Cluster.KillAsync(_victim);
        return new InjectedFault($"SIGKILL {_victim}, restart", context.Between(3, 6));
    }

    public Task HealAsync(FaultContext context) => _victim is { Running: false } v ? context.Cluster.RestartAsync(v) : Task.CompletedTask;
}
