using ActorBroker.FaultTests.Nemeses;

namespace ActorBroker.FaultTests;

/// <summary>Fault kinds chosen by name, as the long run's ACTORBROKER_FAULT_KINDS gives them.</summary>
public sealed class NemesisCatalogTests
{
    [Fact]
    public void All_names_every_fault_kind_once()
    {
        var kinds = NemesisCatalog.Parse("all").Select(n => n.Kind).ToList();

        Assert.Equal(NemesisCatalog.Names.Order(StringComparer.Ordinal), kinds.Order(StringComparer.Ordinal));
        Assert.Equal(9, kinds.Count);
    }

    [Fact]
    public void A_comma_list_gives_those_kinds_in_its_order_and_only_network_cuts_need_the_firewall()
    {
        var nemeses = NemesisCatalog.Parse(" kill, cut-link ,pause-long");

        Assert.Equal(["kill", "cut-link", "pause-long"], nemeses.Select(n => n.Kind));
        Assert.Equal([false, true, false], nemeses.Select(n => n.NeedsFirewall));
    }

    [Fact]
    public void An_unknown_kind_is_refused_with_the_known_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => NemesisCatalog.Parse("kill,explode"));

        Assert.Contains("unknown fault kind 'explode'", error.Message);
        Assert.Contains("isolate-node", error.Message);
    }
}
