using ActorBroker.TestKit;

namespace ActorBroker.Actors.Tests;

public sealed class BecomeAndStashTests : TestKit.TestKit
{
    public BecomeAndStashTests() : base("actorbroker.actor.stash-capacity = 3")
    {
    }

    private sealed class Switcher : ReceiveActor
    {
        public Switcher()
        {
            Receive<string>(s => s == "happy", _ => Become(Happy));
            Receive<string>(s => s == "push-angry", _ => BecomeStacked(Angry));
            Receive<string>(s => s == "pop", _ => UnbecomeStacked());
            Receive<string>(s => Sender.Tell("neutral " + s, Self));
        }

        private void Happy()
        {
            Receive<string>(s => s == "push-angry", _ => BecomeStacked(Angry));
            Receive<string>(s => s == "pop", _ => UnbecomeStacked());
            Receive<string>(s => Sender.Tell("happy " + s, Self));
        }

        private void Angry()
        {
            Receive<string>(s => s == "pop", _ => UnbecomeStacked());
            Receive<string>(s => Sender.Tell("angry " + s, Self));
        }
    }

    /// <summary>Stashes strings until "open"; then replays them and echoes everything.</summary>
    internal sealed class Gate : ReceiveActor, IWithStash
    {
        public IStash Stash { get; set; } = null!;

        public Gate(IActorRef probe)
        {
            probe.Tell("started");
            Receive<string>(s => s == "open", _ =>
            {
                Become(() => Receive<string>(s => probe.Tell(s)));
                Stash.UnstashAll();
            });
            Receive<string>(s => s == "one", _ =>
            {
                Become(() => ReceiveAny(m => probe.Tell(m)));
                Stash.Unstash();
            });
            Receive<string>(s => s == "count", _ => probe.Tell(Stash.Count));
            Receive<Exception>(e => throw e);
            ReceiveAny(_ => Stash.Stash());
        }
    }

    [Fact]
    public void Become_replaces_the_behaviour()
    {
        var actor = Sys.ActorOf(Props.Create<Switcher>());
        actor.Tell("a", TestActor);
        actor.Tell("happy", TestActor);
        actor.Tell("b", TestActor);
        ExpectMsg("neutral a");
        ExpectMsg("happy b");
    }

    [Fact]
    public void UnbecomeStacked_returns_to_the_behaviour_below()
    {
        var actor = Sys.ActorOf(Props.Create<Switcher>());
        actor.Tell("happy", TestActor);
        actor.Tell("push-angry", TestActor);
        actor.Tell("a", TestActor);
        actor.Tell("pop", TestActor);
        actor.Tell("b", TestActor);
        ExpectMsg("angry a");
        ExpectMsg("happy b");
    }

    [Fact]
    public void UnbecomeStacked_on_the_initial_behaviour_keeps_it()
    {
        var actor = Sys.ActorOf(Props.Create<Switcher>());
        actor.Tell("pop", TestActor);
        actor.Tell("pop", TestActor);
        actor.Tell("x", TestActor);
        ExpectMsg("neutral x");
    }

    [Fact]
    public void Become_after_BecomeStacked_replaces_only_the_top()
    {
        var actor = Sys.ActorOf(Props.Create<Switcher>());
        actor.Tell("push-angry", TestActor);
        actor.Tell("pop", TestActor);
        actor.Tell("happy", TestActor);
        actor.Tell("push-angry", TestActor);
        actor.Tell("pop", TestActor);
        actor.Tell("y", TestActor);
        ExpectMsg("happy y");
    }

    [Fact]
    public void UnstashAll_replays_stashed_messages_in_order_before_newer_ones()
    {
        var gate = Sys.ActorOf(Props.Create(() => new Gate(TestActor)));
        ExpectMsg("started");
        gate.Tell("x");
        gate.Tell("y");
        gate.Tell("z");
        gate.Tell("open");
        gate.Tell("after");
        ExpectMsg("x");
        ExpectMsg("y");
        ExpectMsg("z");
        ExpectMsg("after");
    }

    [Fact]
    public void Stashed_messages_come_back_oldest_first_and_ahead_of_newer_messages()
    {
        var gate = Sys.ActorOf(Props.Create(() => new Gate(TestActor)));
        ExpectMsg("started");
        gate.Tell(new Stashable("a"));
        gate.Tell(new Stashable("b"));
        gate.Tell(new Stashable("c"));
        gate.Tell("one");
        gate.Tell(new Stashable("new"));
        ExpectMsg(new Stashable("a"));
        // After Unstash of the oldest only, b and c stay stashed; the new message is next.
        ExpectMsg(new Stashable("new"));
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void UnstashAll_puts_all_stashed_messages_in_front_of_newer_ones()
    {
        var actor = Sys.ActorOf(Props.Create(() => new OpenAll(TestActor)));
        actor.Tell(new Stashable("a"));
        actor.Tell(new Stashable("b"));
        actor.Tell("open");
        actor.Tell(new Stashable("c"));
        ExpectMsg(new Stashable("a"));
        ExpectMsg(new Stashable("b"));
        ExpectMsg(new Stashable("c"));
    }

    [Fact]
    public void The_same_message_instance_can_be_stashed_again_when_sent_twice()
    {
        var actor = Sys.ActorOf(Props.Create(() => new OpenAll(TestActor)));
        var same = new Stashable("twice");
        actor.Tell(same);
        actor.Tell(same);
        actor.Tell("open");
        ExpectMsg(same);
        ExpectMsg(same);
    }

    private sealed class DoubleStasher : ReceiveActor, IWithStash
    {
        public IStash Stash { get; set; } = null!;

        public DoubleStasher() => ReceiveAny(_ =>
        {
            Stash.Stash();
            Stash.Stash();
        });
    }

    [Fact]
    public void Stashing_one_delivery_twice_fails_the_actor()
    {
        var actor = Sys.ActorOf(Props.Create<DoubleStasher>());
        EventFilter.Exception<InvalidOperationException>(this, "stashed twice").ExpectOne(() => actor.Tell("x"));
    }

    [Fact]
    public void Overflowing_the_stash_fails_the_actor_with_StashOverflowException()
    {
        var gate = Sys.ActorOf(Props.Create(() => new Gate(TestActor)), "gate");
        ExpectMsg("started");
        EventFilter.Exception<StashOverflowException>(this, "stash-capacity").ExpectOne(() =>
        {
            for (var i = 0; i < 4; i++) gate.Tell(new Stashable(i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        });
        ExpectMsg("started"); // restarted by its supervisor
    }

    [Fact]
    public void Stashed_messages_survive_a_restart()
    {
        var gate = Sys.ActorOf(Props.Create(() => new Gate(TestActor)));
        ExpectMsg("started");
        gate.Tell(new Stashable("kept"));
        gate.Tell(new InvalidOperationException("restart me"));
        ExpectMsg("started");
        gate.Tell("count");
        ExpectMsg(1);
    }

    [Fact]
    public void Stashed_messages_become_dead_letters_when_the_actor_stops()
    {
        var gate = Sys.ActorOf(Props.Create(() => new Gate(TestActor)));
        ExpectMsg("started");
        Sys.EventStream.Subscribe<DeadLetter>(TestActor);
        gate.Tell(new Stashable("s1"), TestActor);
        gate.Tell(new Stashable("s2"), TestActor);
        gate.Tell(PoisonPill.Instance);
        var first = ExpectMsg<DeadLetter>();
        var second = ExpectMsg<DeadLetter>();
        Assert.Equal(new Stashable("s1"), first.Message);
        Assert.Equal(new Stashable("s2"), second.Message);
        Assert.Equal(TestActor, first.Sender);
        Assert.Equal(gate, first.Recipient);
    }

    private sealed record Stashable(string Name);

    private sealed class OpenAll : ReceiveActor, IWithStash
    {
        public IStash Stash { get; set; } = null!;

        public OpenAll(IActorRef probe)
        {
            Receive<string>(s => s == "open", _ =>
            {
                Become(() => ReceiveAny(m => probe.Tell(m)));
                Stash.UnstashAll();
            });
            ReceiveAny(_ => Stash.Stash());
        }
    }
}
