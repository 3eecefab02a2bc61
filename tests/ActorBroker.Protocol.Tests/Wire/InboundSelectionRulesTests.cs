using ActorBroker.Protocol.Serialization.Wire;
using Akka.Actor;

namespace ActorBroker.Protocol.Tests.Wire;

public class InboundSelectionRulesTests
{
    private static ActorSelectionMessage Selection(params SelectionPathElement[] elements) => new("hello", elements);

    [Fact]
    public void A_selection_by_child_names_is_accepted()
    {
        Assert.Null(InboundSelectionRules.Refusal(Selection(new SelectChildName("system"), new SelectChildName("cluster"), new SelectChildName("core"), new SelectChildName("daemon"))));
    }

    [Fact]
    public void A_selection_that_climbs_to_a_parent_is_refused()
    {
        Assert.Contains("..", InboundSelectionRules.Refusal(Selection(new SelectChildName("user"), SelectParent.Instance, new SelectChildName("user"))));
    }

    [Fact]
    public void A_selection_with_a_wildcard_is_refused_and_named()
    {
        Assert.Contains("[w*]", InboundSelectionRules.Refusal(Selection(new SelectChildName("user"), new SelectChildPattern("w*"))));
    }

    [Fact]
    public void A_selection_longer_than_the_limit_is_refused()
    {
        var elements = Enumerable.Range(0, InboundSelectionRules.MaxElements + 1).Select(i => (SelectionPathElement)new SelectChildName($"a{i}")).ToArray();

        Assert.Contains("path elements", InboundSelectionRules.Refusal(Selection(elements)));
    }
}
