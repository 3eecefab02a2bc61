using ActorBroker.Protocol.Security;

namespace ActorBroker.Protocol.Tests.Security;

/// <summary>Kafka's authorization rules, one at a time.</summary>
public sealed class AclRulesTests
{
    private const string Alice = "User:alice";
    private const string Host = "10.0.0.5";

    private static AclBinding Topic(string name, AclOperation operation, AclPermission permission = AclPermission.Allow, string principal = Alice,
        AclPatternType pattern = AclPatternType.Literal, string host = "*") =>
        new(AclResourceType.Topic, name, pattern, principal, host, operation, permission);

    private static bool Allows(AclOperation operation, string topic, bool allowIfNoAcl = false, params AclBinding[] acls) =>
        AclRules.Allows(acls, Alice, Host, operation, AclResourceType.Topic, topic, allowIfNoAcl);

    [Fact]
    public void An_allow_for_the_exact_topic_and_operation_allows_only_that()
    {
        AclBinding[] acls = [Topic("orders", AclOperation.Read)];
        Assert.True(Allows(AclOperation.Read, "orders", false, acls));
        Assert.False(Allows(AclOperation.Write, "orders", false, acls));
        Assert.False(Allows(AclOperation.Read, "payments", false, acls));
        Assert.False(AclRules.Allows(acls, "User:bob", Host, AclOperation.Read, AclResourceType.Topic, "orders", false));
    }

    [Fact]
    public void Read_write_delete_and_alter_imply_describe_and_all_implies_everything()
    {
        foreach (var op in new[] { AclOperation.Read, AclOperation.Write, AclOperation.Delete, AclOperation.Alter })
            Assert.True(Allows(AclOperation.Describe, "orders", false, Topic("orders", op)));
        Assert.False(Allows(AclOperation.Describe, "orders", false, Topic("orders", AclOperation.Create)));
        Assert.True(Allows(AclOperation.DescribeConfigs, "orders", false, Topic("orders", AclOperation.AlterConfigs)));
        Assert.True(Allows(AclOperation.Delete, "orders", false, Topic("orders", AclOperation.All)));
    }

    [Fact]
    public void Wildcard_names_prefixes_and_everyone_match()
    {
        Assert.True(Allows(AclOperation.Read, "anything", false, Topic("*", AclOperation.Read)));
        Assert.True(Allows(AclOperation.Read, "orders.eu", false, Topic("orders.", AclOperation.Read, pattern: AclPatternType.Prefixed)));
        Assert.False(Allows(AclOperation.Read, "payments", false, Topic("orders.", AclOperation.Read, pattern: AclPatternType.Prefixed)));
        Assert.True(Allows(AclOperation.Read, "orders", false, Topic("orders", AclOperation.Read, principal: "User:*")));
    }

    [Fact]
    public void A_deny_wins_over_any_allow_but_only_for_its_host_and_operation()
    {
        Assert.False(Allows(AclOperation.Read, "orders", false, Topic("*", AclOperation.All), Topic("orders", AclOperation.Read, AclPermission.Deny)));
        Assert.False(Allows(AclOperation.Read, "orders", false, Topic("orders", AclOperation.Read), Topic("orders", AclOperation.All, AclPermission.Deny, "User:*")));
        Assert.True(Allows(AclOperation.Read, "orders", false, Topic("orders", AclOperation.Read), Topic("orders", AclOperation.Read, AclPermission.Deny, host: "10.9.9.9")));
        // A deny of Read does not deny the Describe that another allow implies.
        Assert.True(Allows(AclOperation.Describe, "orders", false, Topic("orders", AclOperation.Write), Topic("orders", AclOperation.Read, AclPermission.Deny)));
    }

    [Fact]
    public void A_resource_without_acls_is_open_only_when_allow_everyone_if_no_acl_found_says_so()
    {
        Assert.False(Allows(AclOperation.Read, "orders", false));
        Assert.True(Allows(AclOperation.Read, "orders", true));
        // Any ACL on the resource, even another principal's, closes it.
        Assert.False(Allows(AclOperation.Read, "orders", true, Topic("orders", AclOperation.Read, principal: "User:bob")));
    }

    [Fact]
    public void Cluster_acls_do_not_apply_to_topics()
    {
        var cluster = new AclBinding(AclResourceType.Cluster, AclBinding.ClusterName, AclPatternType.Literal, Alice, "*", AclOperation.All, AclPermission.Allow);
        Assert.False(Allows(AclOperation.Read, AclBinding.ClusterName, false, cluster));
        Assert.True(AclRules.Allows([cluster], Alice, Host, AclOperation.Create, AclResourceType.Cluster, AclBinding.ClusterName, false));
    }
}
