using ActorBroker.FaultTests.Cluster;

namespace ActorBroker.FaultTests.Nemeses;

/// <summary>
/// SIGKILL one node (nodes take turns) and restart it on its data directory. Either the restart waits until the
/// cluster has removed the dead incarnation (<c>kill</c>: a crash the cluster fully notices), or it comes 3–6 s after
/// the kill (<c>kill-early</c>), around the time the old incarnation is being downed, so the new one may meet it.
/// </summary>
public sealed class KillAndRestart(bool restartOnceRemoved) : INemesis
{
    private static readonly TimeSpan RemovalTimeout = TimeSpan.FromSeconds(30);
    private FaultNode? _victim;

    public string Kind => restartOnceRemoved ? "kill" : "kill-early";

    public async Task<InjectedFault> InjectAsync(FaultContext context)
    {
        _victim = context.NextVictim();
        await context.Cluster.KillAsync(_victim);
        if (!restartOnceRemoved) return new InjectedFault($"SIGKILL {_victim}, restart 3-6 s later", context.Between(3, 6));
        var removed = await context.Cluster.AwaitRemovedAsync(_victim, RemovalTimeout);
        return new InjectedFault($"SIGKILL {_victim}, restart once {(removed ? "the cluster removed it" : $"NOT removed after {RemovalTimeout.TotalSeconds:0} s")}",
            context.Between(1, 3));
    }

    public Task HealAsync(FaultContext context) => _victim is { Running: false } v ? context.Cluster.RestartAsync(v) : Task.CompletedTask;
}
