namespace ActorBroker.Actors.Tests;

public sealed class SchedulerAndTimerTests : TestKit.TestKit
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(30);

    /// <summary>Collects what arrives in a window and returns it; used to bound stragglers after a cancel.</summary>
    private List<object> ReceiveFor(TimeSpan window)
    {
        var received = new List<object>();
        var deadline = DateTime.UtcNow + window;
        while (DateTime.UtcNow < deadline && ReceiveOne(deadline - DateTime.UtcNow) is { } m) received.Add(m);
        return received;
    }

    [Fact]
    public void ScheduleTellOnce_delivers_exactly_once()
    {
        Sys.Scheduler.ScheduleTellOnce(Tick, TestActor, "once", ActorRefs.NoSender);
        ExpectMsg("once");
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void ScheduleTellOnce_keeps_the_sender()
    {
        var sender = Sys.ActorOf(Props.Create<Echo>());
        Sys.Scheduler.ScheduleTellOnce(Tick, TestActor, "from sender", sender);
        ExpectMsg("from sender");
        Assert.Equal(sender, LastSender);
    }

    [Fact]
    public void ScheduleTellRepeatedly_delivers_until_cancelled()
    {
        var cancelable = Sys.Scheduler.ScheduleTellRepeatedly(Tick, Tick, TestActor, "tick", ActorRefs.NoSender);
        ExpectMsg("tick");
        ExpectMsg("tick");
        ExpectMsg("tick");
        cancelable.Cancel();
        Assert.True(cancelable.IsCancellationRequested);
        ReceiveFor(TimeSpan.FromMilliseconds(100)); // a delivery already in flight may still land
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void A_schedule_cancelled_before_it_fires_never_delivers()
    {
        var cancelable = Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(200), TestActor, "never", ActorRefs.NoSender);
        cancelable.Cancel();
        cancelable.Cancel(); // twice is harmless
        ExpectNoMsg(TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public async Task ScheduleOnce_runs_the_action()
    {
        var ran = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Sys.Scheduler.ScheduleOnce(Tick, ran.SetResult);
        await ran.Task.WaitAsync(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public void A_non_positive_interval_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            Sys.Scheduler.ScheduleTellRepeatedly(Tick, TimeSpan.Zero, TestActor, "x", ActorRefs.NoSender));
    }

    private sealed record StartSingle(object Key, object Message, TimeSpan Delay);

    private sealed record StartPeriodic(object Key, object Message, TimeSpan Interval);

    private sealed record CancelTimer(object Key);

    private sealed record IsActive(object Key);

    private sealed class TimerActor : ReceiveActor, IWithTimers
    {
        public ITimerScheduler Timers { get; set; } = null!;

        public TimerActor(IActorRef probe)
        {
            Receive<StartSingle>(s => Timers.StartSingleTimer(s.Key, s.Message, s.Delay));
            Receive<StartPeriodic>(s => Timers.StartPeriodicTimer(s.Key, s.Message, s.Interval));
            Receive<CancelTimer>(c => Timers.Cancel(c.Key));
            Receive<IsActive>(a => Sender.Tell(Timers.IsTimerActive(a.Key), Self));
            Receive<Exception>(e => throw e);
            Receive<string>(s => probe.Tell(s));
        }

        protected override void PostStop() => Context.System.EventStream.Publish("timer actor stopped");
    }

    private IActorRef NewTimerActor() => Sys.ActorOf(Props.Create(() => new TimerActor(TestActor)));

    [Fact]
    public void A_single_timer_fires_once_and_is_then_inactive()
    {
        var actor = NewTimerActor();
        actor.Tell(new StartSingle("k", "single", Tick));
        ExpectMsg("single");
        actor.Tell(new IsActive("k"), TestActor);
        ExpectMsg(false);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void A_periodic_timer_keeps_firing_until_cancelled()
    {
        var actor = NewTimerActor();
        actor.Tell(new StartPeriodic("p", "periodic", Tick));
        ExpectMsg("periodic");
        ExpectMsg("periodic");
        ExpectMsg("periodic");
        actor.Tell(new CancelTimer("p"));
        actor.Tell(new IsActive("p"), TestActor);
        FishForMessage<object>(m => m is false);
        // Cancelled timers never deliver, not even a tick already queued.
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void Starting_a_timer_with_a_key_in_use_replaces_it()
    {
        var actor = NewTimerActor();
        actor.Tell(new StartSingle("k", "old", TimeSpan.FromMilliseconds(150)));
        actor.Tell(new StartSingle("k", "new", TimeSpan.FromMilliseconds(300)));
        ExpectMsg("new");
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void A_cancelled_timer_does_not_deliver()
    {
        var actor = NewTimerActor();
        actor.Tell(new StartSingle("k", "cancelled", TimeSpan.FromMilliseconds(150)));
        actor.Tell(new IsActive("k"), TestActor);
        ExpectMsg(true);
        actor.Tell(new CancelTimer("k"));
        ExpectNoMsg(TimeSpan.FromMilliseconds(400));
    }

    [Fact]
    public void Timers_are_cancelled_when_the_actor_stops()
    {
        var actor = NewTimerActor();
        actor.Tell(new StartPeriodic("p", "periodic", Tick));
        ExpectMsg("periodic");
        Watch(actor);
        Sys.EventStream.Subscribe<DeadLetter>(TestActor);
        Sys.Stop(actor);
        FishForMessage<object>(m => m is Terminated);
        // No timer message may reach the dead actor (it would show up as a dead letter).
        var late = ReceiveFor(TimeSpan.FromMilliseconds(300));
        Assert.DoesNotContain(late, m => m is DeadLetter d && (d.Message is "periodic" || d.Message.GetType().Name == "TimerFired"));
    }

    [Fact]
    public void Timers_are_cancelled_when_the_actor_restarts()
    {
        var actor = NewTimerActor();
        actor.Tell(new StartPeriodic("p", "periodic", Tick));
        ExpectMsg("periodic");
        actor.Tell(new InvalidOperationException("restart"));
        actor.Tell("restarted");
        FishForMessage<string>(s => s == "restarted");
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        actor.Tell(new IsActive("p"), TestActor);
        ExpectMsg(false);
    }
}
