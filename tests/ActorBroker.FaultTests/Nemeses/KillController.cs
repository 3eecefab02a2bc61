using ActorBroker.FaultTests.Cluster;

namespace ActorBroker.FaultTests.Nemeses;

/// <summary>
/// SIGKILL the node that runs the controller (as <c>actorbroker cluster status</c> reports it), and restart it once the
/// cluster has removed it, so a new controller has taken over first.
/// </summary>
public sealed class KillController : INemesis
{
    private FaultNode? _victim;

    public string Kind => "kill-controller";

    public async Task<InjectedFault> InjectAsync(FaultContext context)
    {
        var controller = await context.Cluster.ControllerNodeAsync();
        _victim = controller ?? context.NextVictim();
        await context.Cluster.KillAsync(_victim);
        var which = controller is null ? "no node reported the controller; killed another" : "the controller's node";
        var removed = await context.Cluster.AwaitRemovedAsync(_victim, TimeSpan.FromSeconds(30));
        return new InjectedFault($"SIGKILL {_victim} ({which}), restart once {(removed ? "the cluster removed it" : "NOT removed after 30 s")}",
            context.Between(1, 3));
    }

    public Task HealAsync(FaultContext context) => _victim is { Running: false } v ? context.Cluster.RestartAsync(v) : Task.CompletedTask;
}
