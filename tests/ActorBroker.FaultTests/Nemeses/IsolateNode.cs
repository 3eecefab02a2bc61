namespace ActorBroker.FaultTests.Nemeses;

/// <summary>Cuts one node off from every other node, both directions, for longer than the failure detector; clients still reach it.</summary>
public sealed class IsolateNode : INemesis
{
    public string Kind => "isolate-node";

    public bool NeedsFirewall => true;

    public async Task<InjectedFault> InjectAsync(FaultContext context)
    {
        var firewall = context.RequireFirewall();
        var victim = context.NextVictim();
        foreach (var other in context.Cluster.Nodes.Where(n => n != victim))
        {
            await firewall.DropAsync(victim.Index, other.Host);
            await firewall.DropAsync(other.Index, victim.Host);
        }

        return new InjectedFault($"cut {victim} off from the other nodes", context.Between(5, 8));
    }

    public Task HealAsync(FaultContext context) => context.RequireFirewall().HealAsync();
}
