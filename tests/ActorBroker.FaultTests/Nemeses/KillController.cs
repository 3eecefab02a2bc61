using ActorBroker.FaultTests.Cluster;

namespace ActorBroker.FaultTests.Nemeses;

/// <summary>SIGKILL the node that runs the controller (as <c>actorbroker cluster status</c> reports it), and restart it a few seconds later.</summary>
public sealed class KillController : INemesis
{
    private FaultNode? _victim;

    public string Kind => "kill-controller";

    public async Task<InjectedFault> InjectAsync(FaultContext context)
    {
        var controller = await context.Cluster.ControllerNodeAsync();
        _victim = controller ?? context.NextVictim();
        await context.Cluster.KillAsync(_victim);
        var which = controller is null ? "no node reported the controller; killed a random one" : "the controller's node";
        return new InjectedFault($"SIGKILL {_victim} ({which}), restart", context.Between(3, 6));
    }

    public Task HealAsync(FaultContext context) => _victim is { Running: false } v ? context.Cluster.RestartAsync(v) : Task.CompletedTask;
}
