namespace ActorBroker.FaultTests.Nemeses;

/// <summary>
/// SIGKILL the first seed node (node 0) and start it again at once, so the new incarnation joins while the others
/// may still hold the old one: it must rejoin the existing cluster, not found a second one.
/// </summary>
public sealed class RestartFirstSeed : INemesis
{
    public string Kind => "restart-first-seed";

    public async Task<InjectedFault> InjectAsync(FaultContext context)
    {
        var seed = context.Cluster.Nodes[0];
        if (seed.Running) await context.Cluster.KillAsync(seed);
        return new InjectedFault($"SIGKILL {seed} (the first seed), restart at once", TimeSpan.Zero);
    }

    public Task HealAsync(FaultContext context) => context.Cluster.Nodes[0] is { Running: false } seed ? context.Cluster.RestartAsync(seed) : Task.CompletedTask;
}
