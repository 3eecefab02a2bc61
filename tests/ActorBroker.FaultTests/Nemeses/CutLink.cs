using ActorBroker.FaultTests.Cluster;

namespace ActorBroker.FaultTests.Nemeses;

/// <summary>Cuts the link between two nodes, both directions, for longer than the failure detector; each still reaches the third node.</summary>
public sealed class CutLink : INemesis
{
    public string Kind => "cut-link";

    public bool NeedsFirewall => true;

    public async Task<InjectedFault> InjectAsync(FaultContext context)
    {
        var firewall = context.RequireFirewall();
        List<FaultNode> pair = [context.NextVictim(), context.NextVictim()];
        await firewall.DropAsync(pair[0].Index, pair[1].Host);
        await firewall.DropAsync(pair[1].Index, pair[0].Host);
        return new InjectedFault($"cut the link {pair[0]} <-> {pair[1]}", context.Between(5, 8));
    }

    public Task HealAsync(FaultContext context) => context.RequireFirewall().HealAsync();
}
