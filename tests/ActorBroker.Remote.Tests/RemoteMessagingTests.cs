using ActorBroker.Actors;
using ActorBroker.TestKit.MultiNode;
using Xunit.Abstractions;

namespace ActorBroker.Remote.Tests;

public sealed class RemoteMessagingTests(ITestOutputHelper output) : RemoteTestKit(output)
{
    /// <summary>Replies to the sender with who it was, proving the remote sender is a usable ref.</summary>
    private sealed class ReplyToSender : ReceiveActor
    {
        public ReplyToSender() => Receive<string>(m => Sender.Tell($"{m} from {Sender.Path.Address.Port}", Self));
    }

    private ActorSystem StartOther() => Nodes.StartNode();


    [Fact]
    public void A_message_crosses_nodes_and_the_reply_reaches_the_remote_sender()
    {
        var other = StartOther();
        other.ActorOf(Props.Create(() => new ReplyToSender()), "replier");
        var remote = Sys.Provider.ResolveActorRef(ActorPath.Parse($"{other.Address}/user/replier"));

        remote.Tell("hello", TestActor);

        ExpectMsg($"hello from {Sys.Address.Port}");
        Assert.Equal(other.Address, LastSender.Path.Address);
    }

    [Fact]
    public async Task Ask_over_the_network_completes_with_the_reply()
    {
        var other = StartOther();
        other.ActorOf(Props.Create(() => new Echo()), "echo");
        var remote = Sys.Provider.ResolveActorRef(ActorPath.Parse($"{other.Address}/user/echo"));

        var reply = await remote.Ask<long>(42L, TimeSpan.FromSeconds(5));

        Assert.Equal(42L, reply);
    }

    [Fact]
    public void Messages_from_one_sender_arrive_in_order()
    {
        var other = StartOther();
        other.ActorOf(Props.Create(() => new Echo()), "echo");
        var remote = Sys.Provider.ResolveActorRef(ActorPath.Parse($"{other.Address}/user/echo"));

        for (var i = 0; i < 1000; i++) remote.Tell(i, TestActor);

        for (var i = 0; i < 1000; i++) ExpectMsg(i);
    }

    [Fact]
    public async Task A_remote_selection_resolves_to_a_ref_that_works_like_a_local_one()
    {
        var other = StartOther();
        var echo = other.ActorOf(Props.Create(() => new Echo()), "echo");

        var resolved = await Sys.ActorSelection($"{other.Address}/user/echo").ResolveOne(TimeSpan.FromSeconds(5));

        Assert.Equal(echo.Path, resolved.Path);
        Assert.Equal(echo.Path.Uid, resolved.Path.Uid);
        resolved.Tell("via resolved ref", TestActor);
        ExpectMsg("via resolved ref");
    }

    [Fact]
    public void A_remote_selection_with_a_wildcard_reaches_every_match()
    {
        var other = StartOther();
        other.ActorOf(Props.Create(() => new Echo()), "worker-1");
        other.ActorOf(Props.Create(() => new Echo()), "worker-2");
        other.ActorOf(Props.Create(() => new Echo()), "other");

        Sys.ActorSelection($"{other.Address}/user/worker-*").Tell("ping", TestActor);

        ExpectMsgAllOf("ping", "ping");
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task Resolving_a_remote_selection_that_matches_nothing_fails_clearly()
    {
        var other = StartOther();

        var error = await Assert.ThrowsAsync<ActorNotFoundException>(
            () => Sys.ActorSelection($"{other.Address}/user/missing").ResolveOne(TimeSpan.FromSeconds(5)));

        Assert.Contains("/user/missing", error.Message);
    }

    [Fact]
    public async Task A_ref_inside_a_message_is_usable_on_the_other_node()
    {
        var other = StartOther();
        other.ActorOf(Props.Create(() => new Echo()), "echo");
        var remote = Sys.Provider.ResolveActorRef(ActorPath.Parse($"{other.Address}/user/echo"));

        // ActorIdentity carries a ref: the echo sends it back, so it makes the round trip through both nodes.
        var identity = await remote.Ask<ActorIdentity>(new ActorIdentity("id", TestActor), TimeSpan.FromSeconds(5));

        identity.Subject!.Tell("through the returned ref");
        ExpectMsg("through the returned ref");
    }

    [Fact]
    public void A_message_for_an_actor_that_does_not_exist_becomes_a_dead_letter_on_the_receiving_node()
    {
        var other = StartOther();
        var deadLetters = CreateTestProbe(other);
        other.EventStream.Subscribe<DeadLetter>(deadLetters.Ref);

        Sys.Provider.ResolveActorRef(ActorPath.Parse($"{other.Address}/user/nobody-here")).Tell("lost");

        var dead = deadLetters.ExpectMsg<DeadLetter>();
        Assert.Equal("lost", dead.Message);
        Assert.Equal("/user/nobody-here", dead.Recipient.Path.ToStringWithoutAddress());
    }

    [Fact]
    public void A_message_larger_than_the_maximum_frame_becomes_a_dead_letter_and_the_link_keeps_working()
    {
        var other = StartOther();
        other.ActorOf(Props.Create(() => new Echo()), "echo");
        var deadLetters = CreateTestProbe();
        Sys.EventStream.Subscribe<DeadLetter>(deadLetters.Ref);
        var remote = Sys.Provider.ResolveActorRef(ActorPath.Parse($"{other.Address}/user/echo"));

        remote.Tell(new byte[5 * 1024 * 1024], TestActor);
        remote.Tell("small", TestActor);

        var dead = deadLetters.ExpectMsg<DeadLetter>();
        Assert.IsType<byte[]>(dead.Message);
        Assert.Contains("maximum-frame-size", dead.Reason);
        ExpectMsg("small");
    }

    [Fact]
    public void Messages_around_frames_larger_than_the_read_buffer_arrive_intact_and_in_order()
    {
        var other = StartOther();
        other.ActorOf(Props.Create(() => new Echo()), "echo");
        var remote = Sys.Provider.ResolveActorRef(ActorPath.Parse($"{other.Address}/user/echo"));
        // 300 KB spans several 64 KB pipe segments, so its frame straddles segment boundaries on the way in.
        var large = new byte[300 * 1024];
        Random.Shared.NextBytes(large);

        remote.Tell("before", TestActor);
        remote.Tell(large, TestActor);
        remote.Tell("after", TestActor);

        ExpectMsg("before");
        Assert.Equal(large, ExpectMsg<byte[]>());
        ExpectMsg("after");
    }

    [Fact]
    public void A_message_without_a_serializer_becomes_a_dead_letter_naming_the_type()
    {
        var other = StartOther();
        other.ActorOf(Props.Create(() => new Echo()), "echo");
        var deadLetters = CreateTestProbe();
        Sys.EventStream.Subscribe<DeadLetter>(deadLetters.Ref);
        var remote = Sys.Provider.ResolveActorRef(ActorPath.Parse($"{other.Address}/user/echo"));

        remote.Tell(new NotSerializable(), TestActor);
        remote.Tell("after", TestActor);

        var dead = deadLetters.ExpectMsg<DeadLetter>();
        Assert.Contains(nameof(NotSerializable), dead.Reason);
        ExpectMsg("after");
    }

    private sealed class NotSerializable;

    [Fact]
    public void A_send_to_a_full_outbound_queue_becomes_a_dead_letter_naming_the_setting()
    {
        var sender = Nodes.StartNode("actorbroker.remote.outbound-queue-size = 3");
        var other = StartOther();
        var deadLetters = CreateTestProbe(sender);
        sender.EventStream.Subscribe<DeadLetter>(deadLetters.Ref);
        // The writer holds the first message back, so the queue behind it fills up.
        TestNodes.FaultsOf(sender).Delay(other.Address, TimeSpan.FromSeconds(5));
        var remote = sender.Provider.ResolveActorRef(ActorPath.Parse($"{other.Address}/user/anyone"));

        for (var i = 0; i < 10; i++) remote.Tell(i);

        var dead = deadLetters.ExpectMsg<DeadLetter>();
        Assert.Contains("outbound-queue-size = 3", dead.Reason);
    }

    [Fact]
    public void A_blackholed_link_loses_messages_until_healed()
    {
        var other = StartOther();
        other.ActorOf(Props.Create(() => new Echo()), "echo");
        var remote = Sys.Provider.ResolveActorRef(ActorPath.Parse($"{other.Address}/user/echo"));
        remote.Tell("before", TestActor);
        ExpectMsg("before");

        TestNodes.FaultsOf(Sys).Blackhole(other.Address);
        remote.Tell("lost", TestActor);
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));

        TestNodes.FaultsOf(Sys).HealAll();
        remote.Tell("after", TestActor);
        ExpectMsg("after");
    }

    [Fact]
    public void A_remote_actor_can_be_stopped_with_a_poison_pill()
    {
        var other = StartOther();
        var echo = other.ActorOf(Props.Create(() => new Echo()), "echo");
        var probe = CreateTestProbe(other);
        probe.Watch(echo);

        Sys.Provider.ResolveActorRef(echo.Path).Tell(PoisonPill.Instance);

        probe.ExpectTerminated(echo);
    }
}
