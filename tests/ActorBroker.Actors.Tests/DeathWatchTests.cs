namespace ActorBroker.Actors.Tests;

public sealed class DeathWatchTests : TestKit.TestKit
{
    private sealed record WatchIt(IActorRef Subject);

    private sealed record UnwatchIt(IActorRef Subject);

    /// <summary>
    /// A Terminated seen by the watcher. Terminated itself cannot be forwarded: like in Akka, an actor
    /// drops a Terminated for an actor it does not watch.
    /// </summary>
    private sealed record Saw(Terminated Terminated);

    /// <summary>Watches what it is told to and forwards every Terminated to the probe.</summary>
    private sealed class Watcher : ReceiveActor
    {
        public Watcher(IActorRef probe)
        {
            Receive<WatchIt>(w =>
            {
                Context.Watch(w.Subject);
                Sender.Tell("watching", Self);
            });
            Receive<UnwatchIt>(w =>
            {
                Context.Unwatch(w.Subject);
                Sender.Tell("unwatched", Self);
            });
            Receive<Terminated>(t => probe.Tell(new Saw(t)));
            Receive<string>(s => probe.Tell(s));
        }
    }

    /// <summary>Watches but does not handle Terminated.</summary>
    private sealed class CarelessWatcher : ReceiveActor
    {
        public CarelessWatcher(IActorRef subject, IActorRef probe)
        {
            Context.Watch(subject);
            Receive<string>(s => probe.Tell(s));
        }

        protected override void PostStop() => Context.System.EventStream.Publish("careless watcher stopped");
    }

    /// <summary>Tells its last words and stops itself.</summary>
    private sealed class LastWords : ReceiveActor
    {
        public LastWords() => Receive<IActorRef>(to =>
        {
            for (var i = 0; i < 10; i++) to.Tell($"last words {i}", Self);
            Context.Stop(Self);
        });
    }

    private sealed class ChildWatchingParent : ReceiveActor
    {
        public ChildWatchingParent(IActorRef probe)
        {
            var child = Context.ActorOf(Props.Create<Echo>(), "kid");
            Context.Watch(child);
            Receive<string>(s => s == "stop-kid", _ => Context.Stop(child));
            Receive<Terminated>(t => probe.Tell(new object[] { t.ActorRef, Context.Child("kid") }));
            Receive<GetChildren>(_ => Sender.Tell(Context.GetChildren().ToArray(), Self));
        }
    }

    private IActorRef NewWatcher() => Sys.ActorOf(Props.Create(() => new Watcher(TestActor)));

    private void WatchFrom(IActorRef watcher, IActorRef subject)
    {
        watcher.Tell(new WatchIt(subject), TestActor);
        ExpectMsg("watching");
    }

    [Fact]
    public void A_watcher_gets_Terminated_when_the_watched_actor_stops()
    {
        var watcher = NewWatcher();
        var subject = Sys.ActorOf(Props.Create<Echo>());
        WatchFrom(watcher, subject);
        Sys.Stop(subject);
        var terminated = ExpectMsg<Saw>().Terminated;
        Assert.Equal(subject, terminated.ActorRef);
        Assert.True(terminated.ExistenceConfirmed);
        Assert.False(terminated.AddressTerminated);
    }

    [Fact]
    public void Watching_an_already_dead_actor_delivers_Terminated()
    {
        var subject = Sys.ActorOf(Props.Create<Echo>());
        Watch(subject);
        Sys.Stop(subject);
        ExpectTerminated(subject);
        var watcher = NewWatcher();
        watcher.Tell(new WatchIt(subject), TestActor);
        ExpectMsgAllOf<object>("watching", new Saw(new Terminated(subject, true, false)));
    }

    [Fact]
    public void Unwatch_prevents_Terminated()
    {
        var watcher = NewWatcher();
        var unwatched = Sys.ActorOf(Props.Create<Echo>());
        var watched = Sys.ActorOf(Props.Create<Echo>());
        WatchFrom(watcher, unwatched);
        WatchFrom(watcher, watched);
        watcher.Tell(new UnwatchIt(unwatched), TestActor);
        ExpectMsg("unwatched");
        Watch(unwatched);
        Sys.Stop(unwatched);
        ExpectTerminated(unwatched);
        Sys.Stop(watched);
        Assert.Equal(watched, ExpectMsg<Saw>().Terminated.ActorRef);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Watching_twice_gives_one_Terminated()
    {
        var watcher = NewWatcher();
        var subject = Sys.ActorOf(Props.Create<Echo>());
        WatchFrom(watcher, subject);
        WatchFrom(watcher, subject);
        Sys.Stop(subject);
        ExpectMsg<Saw>();
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void An_unhandled_Terminated_fails_the_watcher_with_DeathPactException()
    {
        var subject = Sys.ActorOf(Props.Create<Echo>());
        var watcher = Sys.ActorOf(Props.Create(() => new CarelessWatcher(subject, TestActor)), "careless");
        Watch(watcher);
        TestKit.EventFilter.Exception<DeathPactException>(this, subject.Path.ToString()).ExpectOne(() => Sys.Stop(subject));
        ExpectTerminated(watcher);
    }

    [Fact]
    public void Terminated_arrives_after_the_messages_the_dead_actor_sent_before_stopping()
    {
        var watcher = NewWatcher();
        var subject = Sys.ActorOf(Props.Create<LastWords>());
        WatchFrom(watcher, subject);
        subject.Tell(watcher);
        for (var i = 0; i < 10; i++) ExpectMsg($"last words {i}");
        ExpectMsg<Saw>();
    }

    [Fact]
    public void A_parent_notices_its_child_stopping_and_the_name_is_freed()
    {
        var parent = Sys.ActorOf(Props.Create(() => new ChildWatchingParent(TestActor)));
        parent.Tell(new GetChildren(), TestActor);
        var kid = Assert.Single(ExpectMsg<IActorRef[]>());
        parent.Tell("stop-kid");
        var reported = ExpectMsg<object[]>();
        Assert.Equal(kid, reported[0]);
        Assert.Equal(ActorRefs.Nobody, reported[1]);
        parent.Tell(new GetChildren(), TestActor);
        Assert.Empty(ExpectMsg<IActorRef[]>());
    }

    [Fact]
    public void Refs_to_different_incarnations_with_the_same_path_are_not_equal()
    {
        var first = Sys.ActorOf(Props.Create<Echo>(), "reborn");
        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first);
        IActorRef second = null!;
        AwaitAssert(() => second = Sys.ActorOf(Props.Create<Echo>(), "reborn"));
        Assert.Equal(first.Path, second.Path);
        Assert.NotEqual(first, second);
        second.Tell("the new one answers", TestActor);
        ExpectMsg("the new one answers");
    }
}
