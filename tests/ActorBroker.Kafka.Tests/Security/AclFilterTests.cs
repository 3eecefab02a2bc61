using ActorBroker.Kafka.Security;
using ActorBroker.Protocol.Security;

namespace ActorBroker.Kafka.Tests.Security;

/// <summary>Kafka's ACL binding filters as DescribeAcls and DeleteAcls apply them.</summary>
public sealed class AclFilterTests
{
    private const sbyte Any = 1;
    private const sbyte Match = 2;
    private static readonly AclBinding Literal = new(AclResourceType.Topic, "orders", AclPatternType.Literal, "User:alice", "*", AclOperation.Read, AclPermission.Allow);
    private static readonly AclBinding Wildcard = Literal with { ResourceName = "*" };
    private static readonly AclBinding Prefixed = Literal with { ResourceName = "ord", PatternType = AclPatternType.Prefixed };
    private static readonly AclBinding Other = Literal with { ResourceName = "payments" };

    private static AclFilter Filter(string? name, sbyte pattern, string? principal = null, sbyte operation = Any) =>
        new((sbyte)AclResourceType.Topic, name, pattern, principal, null, operation, Any);

    [Fact]
    public void Match_finds_every_acl_that_applies_to_the_named_resource()
    {
        var filter = Filter("orders", Match);
        Assert.Equal([Literal, Wildcard, Prefixed], new[] { Literal, Wildcard, Prefixed, Other }.Where(filter.Matches));
    }

    [Fact]
    public void Any_pattern_and_null_fields_match_everything_while_values_match_exactly()
    {
        AclBinding[] all = [Literal, Wildcard, Prefixed, Other];
        Assert.Equal(all, all.Where(Filter(null, Any).Matches));
        Assert.Equal([Literal], all.Where(Filter("orders", (sbyte)AclPatternType.Literal).Matches));
        Assert.Equal([Prefixed], all.Where(Filter(null, (sbyte)AclPatternType.Prefixed).Matches));
        Assert.DoesNotContain(all, Filter(null, Any, principal: "User:bob").Matches);
        Assert.DoesNotContain(all, Filter(null, Any, operation: (sbyte)AclOperation.Write).Matches);
    }

    [Fact]
    public void Unknown_numbers_make_the_filter_invalid_with_a_message()
    {
        Assert.Null(Filter(null, Match).Invalid());
        Assert.Contains("resource type", new AclFilter(99, null, Any, null, null, Any, Any).Invalid());
        Assert.Contains("operation", new AclFilter(Any, null, Any, null, null, 42, Any).Invalid());
    }
}
