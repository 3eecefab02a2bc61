using ActorBroker.Actors;
using ActorBroker.Cluster.Sharding;

namespace ActorBroker.Cluster.Tests.Sharding;

/// <summary>
/// The sender-thread routing under shard regions and shards: routed keys skip the actor, everything else goes
/// through it, no message overtakes an earlier one of its sender, and a route change waits for sends in progress.
/// Messages are "key:payload" strings; a message without ':' has no key. The forwarder's own messages are told apart
/// by type, as the routes require.
/// </summary>
public sealed class DirectRoutesTests : TestKit.TestKit
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    [Fact]
    public void Messages_for_a_routed_key_go_straight_to_the_target_without_the_actor()
    {
        var (forwarder, routes) = StartForwarder();
        var target = CreateTestProbe();
        routes.Set("a", target.Ref);

        for (var i = 0; i < 100; i++) forwarder.Tell($"a:{i}", TestActor);

        for (var i = 0; i < 100; i++) Assert.Equal($"a:{i}", target.ExpectMsg<string>());
        Assert.Equal(TestActor, target.LastSender);
        forwarder.Tell(Count.Instance, TestActor);
        ExpectMsg(0);
    }

    [Fact]
    public void Messages_without_a_route_go_through_the_actor()
    {
        var (forwarder, routes) = StartForwarder();
        var target = CreateTestProbe();
        routes.Set("a", target.Ref);

        forwarder.Tell("b:1", TestActor);

        ExpectMsg("actor forwarded b:1");
        target.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        forwarder.Tell(Count.Instance, TestActor);
        ExpectMsg(1);
    }

    [Fact]
    public void A_message_does_not_overtake_one_its_sender_queued_before_the_route_existed()
    {
        using var gate = new ManualResetEventSlim();
        var target = CreateTestProbe();
        var (forwarder, routes) = StartForwarder(gate, forwardTo: target.Ref);

        forwarder.Tell("a:0", TestActor);
        ExpectMsg("actor holds a:0");
        routes.Set("a", target.Ref);
        for (var i = 1; i < 10; i++) forwarder.Tell($"a:{i}", TestActor);
        gate.Set();

        for (var i = 0; i < 10; i++) Assert.Equal($"a:{i}", target.ExpectMsg<string>());
        // Once the actor routed what was queued, direct sends resume.
        forwarder.Tell(Count.Instance, TestActor);
        ExpectMsg(10);
        forwarder.Tell("a:10", TestActor);
        Assert.Equal("a:10", target.ExpectMsg<string>());
        forwarder.Tell(Count.Instance, TestActor);
        ExpectMsg(10);
    }

    [Fact]
    public async Task Removing_a_route_returns_only_after_the_direct_sends_through_it_finished()
    {
        var (forwarder, routes) = StartForwarder();
        using var release = new ManualResetEventSlim();
        var target = new BlockingRef(release);
        routes.Set("a", target);

        var send = Task.Run(() => forwarder.Tell("a:1", TestActor));
        Assert.True(target.Entered.Wait(Patience), "the direct send reached the target");
        var removal = Task.Run(() => routes.Remove("a"));

        // Remove must still be waiting for the send in progress.
        await Assert.ThrowsAsync<TimeoutException>(() => removal.WaitAsync(TimeSpan.FromMilliseconds(200)));
        release.Set();
        await removal.WaitAsync(Patience);
        await send.WaitAsync(Patience);
        forwarder.Tell("a:2", TestActor);
        ExpectMsg("actor forwarded a:2");
    }

    [Fact]
    public void The_actors_own_messages_and_the_cells_go_to_its_mailbox_even_with_a_route()
    {
        var (forwarder, routes) = StartForwarder(keyOf: _ => "a");
        var target = CreateTestProbe();
        routes.Set("a", target.Ref);
        Watch(forwarder);

        forwarder.Tell(new Own(), TestActor);
        ExpectMsg("actor got own message");
        forwarder.Tell(PoisonPill.Instance, TestActor);

        ExpectTerminated(forwarder);
        target.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void A_failing_key_extractor_leaves_the_message_to_the_actor()
    {
        var (forwarder, routes) = StartForwarder(keyOf: m => (string)m == "boom" ? throw new InvalidOperationException("bad extractor") : "a");
        routes.Set("a", CreateTestProbe().Ref);

        forwarder.Tell("boom", TestActor);

        // The actor routes it, so the extractor's exception surfaces there, as it did before direct routes.
        ExpectMsg("actor forwarded boom");
    }

    private (IActorRef Forwarder, DirectRoutes Routes) StartForwarder(ManualResetEventSlim? gate = null, Func<object, string?>? keyOf = null, IActorRef? forwardTo = null)
    {
        var routes = new DirectRoutes(
            static message => message is Own or Count,
            keyOf ?? (static message => message is string s && s.IndexOf(':') is > 0 and var colon ? s[..colon] : null),
            static message => message);
        var forwarder = Sys.ActorOf(Props.Create(() => new Forwarder(routes, gate, forwardTo)));
        // Started and installed: an answer from the actor itself comes after its PreStart.
        forwarder.Tell(Count.Instance, TestActor);
        ExpectMsg(0);
        return (forwarder, routes);
    }

    /// <summary>
    /// Installs the routes on itself as a region does and counts what comes through it: forwards that to
    /// <paramref name="forwardTo"/>, or else answers the sender. With a gate, it holds the first one until the gate opens.
    /// </summary>
    private sealed class Forwarder(DirectRoutes routes, ManualResetEventSlim? gate, IActorRef? forwardTo) : ActorBase
    {
        private int _queued;

        protected override void PreStart() => routes.InstallOn(Self);

        protected override void PostStop() => routes.UninstallFrom(Self);

        protected override bool Receive(object message)
        {
            switch (message)
            {
                case DirectRoutes.Queued queued:
                    try
                    {
                        _queued++;
                        if (gate is not null && !gate.IsSet)
                        {
                            Sender.Tell($"actor holds {queued.Message}", Self);
                            gate.Wait(Patience);
                        }

                        if (forwardTo is not null) forwardTo.Tell(queued.Message, Sender);
                        else Sender.Tell($"actor forwarded {queued.Message}", Self);
                    }
                    finally
                    {
                        queued.Routed();
                    }

                    return true;
                case Count:
                    Sender.Tell(_queued, Self);
                    return true;
                case Own:
                    Sender.Tell("actor got own message", Self);
                    return true;
                default:
                    Sender.Tell($"actor got {message}", Self);
                    return true;
            }
        }
    }

    private sealed class Count
    {
        public static readonly Count Instance = new();
    }

    private sealed class Own;

    /// <summary>A target whose Tell blocks until released, to hold a direct send in progress.</summary>
    private sealed class BlockingRef(ManualResetEventSlim release) : ActorRefBase
    {
        public ManualResetEventSlim Entered { get; } = new();

        public override ActorPath Path { get; } = ActorPath.Parse("abroker://test/user/blocking");

        public override void Tell(object message, IActorRef? sender)
        {
            Entered.Set();
            release.Wait(Patience);
        }
    }
}
