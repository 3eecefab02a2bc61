namespace ActorBroker.Actors.Tests;

public sealed class TerminationTests : TestKit.TestKit
{
    /// <summary>Creates a chain of descendants named level-1, level-2... and reports its PostStop.</summary>
    private sealed class Chain : ReceiveActor
    {
        private readonly IActorRef _probe;

        public Chain(IActorRef probe, int depth)
        {
            _probe = probe;
            if (depth > 1) Context.ActorOf(Props.Create(() => new Chain(probe, depth - 1)), $"level-{depth - 1}");
            else probe.Tell("deepest started");
        }

        protected override void PostStop() => _probe.Tell("stopped " + Self.Path.Name);
    }

    private sealed class ThrowsInPostStop : ReceiveActor
    {
        protected override void PostStop() => throw new InvalidOperationException("PostStop blew up");
    }

    [Fact]
    public void Children_stop_before_their_parent()
    {
        var top = Sys.ActorOf(Props.Create(() => new Chain(TestActor, 3)), "level-3");
        ExpectMsg("deepest started");
        Watch(top);
        Sys.Stop(top);
        ExpectMsg("stopped level-1");
        ExpectMsg("stopped level-2");
        ExpectMsg("stopped level-3");
        ExpectTerminated(top);
    }

    [Fact]
    public async Task Terminating_the_system_stops_every_actor_children_first()
    {
        Sys.ActorOf(Props.Create(() => new Chain(TestActor, 3)), "level-3");
        ExpectMsg("deepest started");
        await Sys.Terminate().WaitAsync(TimeSpan.FromSeconds(3));
        Assert.Equal(["stopped level-1", "stopped level-2", "stopped level-3"], ReceiveN(3).Cast<string>());
    }

    [Fact]
    public void PostStop_runs_when_an_actor_stops()
    {
        var actor = Sys.ActorOf(Props.Create(() => new LifecycleCounter(TestActor, "")));
        ExpectMsg("ctor");
        ExpectMsg("PreStart");
        actor.Tell(PoisonPill.Instance);
        ExpectMsg("PostStop");
    }

    [Fact]
    public async Task WhenTerminated_completes_after_Terminate()
    {
        Assert.False(Sys.WhenTerminated.IsCompleted);
        var terminate = Sys.Terminate();
        await terminate.WaitAsync(TimeSpan.FromSeconds(3));
        Assert.True(Sys.WhenTerminated.IsCompletedSuccessfully);
        Assert.Same(terminate, Sys.Terminate()); // asking again is harmless
    }

    [Fact]
    public async Task RegisterOnTermination_callbacks_run_in_reverse_order()
    {
        var order = new List<int>();
        Sys.RegisterOnTermination(() => order.Add(1));
        Sys.RegisterOnTermination(() => throw new InvalidOperationException("a failing callback does not stop the others"));
        Sys.RegisterOnTermination(() => order.Add(3));
        await Sys.Terminate().WaitAsync(TimeSpan.FromSeconds(3));
        Assert.Equal([3, 1], order);
    }

    [Fact]
    public async Task ActorOf_after_terminate_fails_clearly()
    {
        await Sys.Terminate().WaitAsync(TimeSpan.FromSeconds(3));
        var e = Assert.Throws<InvalidOperationException>(() => Sys.ActorOf(Props.Create<Echo>(), "too-late"));
        Assert.Contains("has terminated", e.Message, StringComparison.Ordinal);
        Assert.Contains(Sys.Name, e.Message);
    }

    [Fact]
    public void A_PostStop_that_throws_is_logged_and_the_actor_still_stops()
    {
        var actor = Sys.ActorOf(Props.Create<ThrowsInPostStop>(), "bad-poststop");
        Watch(actor);
        TestKit.EventFilter.Exception<InvalidOperationException>(this, "PostStop blew up").ExpectOne(() => Sys.Stop(actor));
        ExpectTerminated(actor);
    }

    [Fact]
    public void PoisonPill_is_processed_after_the_messages_sent_before_it()
    {
        var actor = Sys.ActorOf(Props.Create<Echo>());
        Watch(actor);
        actor.Tell("one", TestActor);
        actor.Tell("two", TestActor);
        actor.Tell(PoisonPill.Instance, TestActor);
        actor.Tell("three", TestActor);
        ExpectMsg("one");
        ExpectMsg("two");
        ExpectTerminated(actor);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Stop_overtakes_queued_user_messages()
    {
        var gate = new ManualResetEventSlim();
        var actor = Sys.ActorOf(Props.Create(() => new Blocker(gate, TestActor)));
        Watch(actor);
        actor.Tell("block");
        ExpectMsg("blocked");
        actor.Tell("queued");
        Sys.Stop(actor);
        gate.Set();
        ExpectTerminated(actor);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }
}
