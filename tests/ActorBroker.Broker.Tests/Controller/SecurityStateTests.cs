using ActorBroker.Broker.Controller;
using ActorBroker.Broker.Metadata;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using ActorBroker.Protocol.Security;
using Akka.Actor;

namespace ActorBroker.Broker.Tests.Controller;

/// <summary>Users and ACLs in the controller's state: replayed from its events, carried by every image, adopted from a node's image.</summary>
public sealed class SecurityStateTests
{
    private static readonly ScramCredential Alice256 = ScramCredential.Create(ScramMechanism.ScramSha256, "a");
    private static readonly ScramCredential Alice512 = ScramCredential.Create(ScramMechanism.ScramSha512, "a");
    private static readonly AclBinding ReadOrders = new(AclResourceType.Topic, "orders", AclPatternType.Literal, "User:alice", "*", AclOperation.Read, AclPermission.Allow);
    private static readonly AclBinding WriteAll = new(AclResourceType.Topic, "*", AclPatternType.Literal, "User:bob", "*", AclOperation.Write, AclPermission.Allow);

    private static ControllerState Replay(params IControllerEvent[] events)
    {
        var state = new ControllerState();
        foreach (var e in events) state.Apply(e);
        return state;
    }

    private static MetadataImage ImageOf(ControllerState state) => state.ToImage(1, new Dictionary<string, Address>(), TopicConfig.Default);

    [Fact]
    public void Credentials_are_kept_per_user_and_mechanism_and_a_user_without_credentials_is_gone()
    {
        var state = Replay(new UserCredentialSet("alice", Alice256), new UserCredentialSet("alice", Alice512), new UserCredentialRemoved("alice", ScramMechanism.ScramSha256));
        Assert.Null(ImageOf(state).Security.Find("alice", ScramMechanism.ScramSha256));
        Assert.Same(Alice512, ImageOf(state).Security.Find("alice", ScramMechanism.ScramSha512));

        state.Apply(new UserCredentialRemoved("alice", ScramMechanism.ScramSha512));
        Assert.Empty(ImageOf(state).Security.Users);
    }

    [Fact]
    public void Setting_a_password_again_replaces_the_credential()
    {
        var changed = ScramCredential.Create(ScramMechanism.ScramSha256, "b");
        var state = Replay(new UserCredentialSet("alice", Alice256), new UserCredentialSet("alice", changed));
        Assert.True(ImageOf(state).Security.Find("alice", ScramMechanism.ScramSha256)!.Matches("b"));
    }

    [Fact]
    public void Acls_are_a_set_in_the_order_they_were_added()
    {
        var state = Replay(new AclsAdded([ReadOrders, WriteAll]), new AclsAdded([ReadOrders]), new AclsRemoved([ReadOrders]), new AclsAdded([ReadOrders]));
        Assert.Equal([WriteAll, ReadOrders], ImageOf(state).Security.Acls);
    }

    [Fact]
    public void An_adopted_image_brings_its_users_and_acls_and_an_old_adoption_keeps_them()
    {
        var image = ImageOf(Replay(new UserCredentialSet("alice", Alice256), new AclsAdded([ReadOrders])));
        var adopted = Replay(new UserCredentialSet("bob", Alice512), new ControllerStateAdopted(3, 7, "n2", [], [], image.Security));
        Assert.Equal(["alice"], ImageOf(adopted).Security.Users.Keys);
        Assert.Equal([ReadOrders], ImageOf(adopted).Security.Acls);

        // An adoption stored before images carried users and ACLs says nothing about them.
        adopted.Apply(new ControllerStateAdopted(4, 8, "n3", [], []));
        Assert.Equal(["alice"], ImageOf(adopted).Security.Users.Keys);
    }

    [Fact]
    public void A_credential_change_is_refused_with_a_message_that_says_what_to_fix()
    {
        var state = Replay(new UserCredentialSet("alice", Alice256));
        Rejection? Check(string user, ScramMechanism mechanism, ScramCredential? credential) =>
            SecurityRequestRules.CheckAlterUser(new AlterUserCredentialRequest(user, mechanism, credential, 1), state);

        Assert.Null(Check("alice", ScramMechanism.ScramSha256, null));
        Assert.Null(Check("bob", ScramMechanism.ScramSha512, Alice512));
        Assert.Equal(ErrorCode.ResourceNotFound, Check("alice", ScramMechanism.ScramSha512, null)!.Value.Error);
        Assert.Equal(ErrorCode.InvalidRequest, Check("", ScramMechanism.ScramSha256, Alice256)!.Value.Error);
        Assert.Contains("not SCRAM-SHA-512", Check("bob", ScramMechanism.ScramSha512, Alice256)!.Value.Message);
        Assert.Contains("iterations", Check("bob", ScramMechanism.ScramSha256, Alice256 with { Iterations = 100 })!.Value.Message);
        Assert.Contains("keys", Check("bob", ScramMechanism.ScramSha256, Alice256 with { StoredKey = new byte[5] })!.Value.Message);
    }

    [Theory]
    [InlineData(AclResourceType.Cluster, "other", AclPatternType.Literal, "User:alice", "*", "kafka-cluster")]
    [InlineData(AclResourceType.Topic, "", AclPatternType.Literal, "User:alice", "*", "empty")]
    [InlineData(AclResourceType.Topic, "orders", AclPatternType.Literal, "alice", "*", "Type:name")]
    [InlineData(AclResourceType.Topic, "orders", AclPatternType.Literal, "User:alice", "example.com", "IP address")]
    [InlineData(AclResourceType.Topic, "*", AclPatternType.Prefixed, "User:alice", "*", "literal '*'")]
    public void An_acl_kafka_would_refuse_is_refused(AclResourceType type, string name, AclPatternType pattern, string principal, string host, string message)
    {
        var rejection = SecurityRequestRules.CheckAcls([new AclBinding(type, name, pattern, principal, host, AclOperation.Read, AclPermission.Allow)]);
        Assert.Equal(ErrorCode.InvalidRequest, rejection!.Value.Error);
        Assert.Contains(message, rejection.Value.Message);
    }

    [Fact]
    public void Valid_acls_pass_and_an_empty_list_does_not()
    {
        Assert.Null(SecurityRequestRules.CheckAcls([ReadOrders, WriteAll, ReadOrders with { Host = "10.0.0.7" }]));
        Assert.NotNull(SecurityRequestRules.CheckAcls([]));
    }
}
