namespace ActorBroker.Actors.Tests;

public sealed class DeadLetterTests : TestKit.TestKit
{
    [Fact]
    public void A_message_to_a_stopped_actor_is_published_as_a_DeadLetter()
    {
        var actor = Sys.ActorOf(Props.Create<Echo>(), "gone");
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);
        Sys.EventStream.Subscribe<DeadLetter>(TestActor);
        actor.Tell("anyone home?", TestActor);
        var dead = ExpectMsg<DeadLetter>();
        Assert.Equal("anyone home?", dead.Message);
        Assert.Equal(TestActor, dead.Sender);
        Assert.Equal(actor, dead.Recipient);
    }

    [Fact]
    public void Overflowing_a_bounded_mailbox_makes_a_DeadLetter_with_the_reason()
    {
        var probe = CreateTestProbe();
        var gate = new ManualResetEventSlim();
        var actor = Sys.ActorOf(Props.Create(() => new Blocker(gate, probe.Ref)).WithBoundedMailbox(2), "bounded");
        actor.Tell("block");
        probe.ExpectMsg("blocked");
        Sys.EventStream.Subscribe<DeadLetter>(TestActor);
        actor.Tell("m1");
        actor.Tell("m2");
        actor.Tell("m3 overflows");
        var dead = ExpectMsg<DeadLetter>();
        Assert.Equal("m3 overflows", dead.Message);
        Assert.Equal(actor, dead.Recipient);
        Assert.Contains("mailbox full", dead.Reason);
        gate.Set();
        probe.ExpectMsg("m1");
        probe.ExpectMsg("m2");
        actor.Tell("room again");
        probe.ExpectMsg("room again");
    }

    [Fact]
    public void The_configured_default_mailbox_capacity_applies_to_new_actors()
    {
        using var other = new BoundedDefault();
        other.Run();
    }

    private sealed class BoundedDefault() : TestKit.TestKit("actorbroker.actor.default-mailbox.mailbox-capacity = 1")
    {
        public void Run()
        {
            var probe = CreateTestProbe();
            var gate = new ManualResetEventSlim();
            var actor = Sys.ActorOf(Props.Create(() => new Blocker(gate, probe.Ref)));
            actor.Tell("block");
            probe.ExpectMsg("blocked");
            Sys.EventStream.Subscribe<DeadLetter>(TestActor);
            actor.Tell("fits");
            actor.Tell("overflows");
            Assert.Equal("overflows", ExpectMsg<DeadLetter>().Message);
            gate.Set();
            probe.ExpectMsg("fits");
        }
    }

    [Fact]
    public void Messages_told_to_DeadLetters_are_published()
    {
        Sys.EventStream.Subscribe<DeadLetter>(TestActor);
        Sys.DeadLetters.Tell("to nowhere", TestActor);
        var dead = ExpectMsg<DeadLetter>();
        Assert.Equal("to nowhere", dead.Message);
        Assert.Equal(Sys.DeadLetters, dead.Recipient);
    }

    [Fact]
    public void A_reply_to_a_message_without_sender_becomes_a_dead_letter()
    {
        Sys.EventStream.Subscribe<DeadLetter>(TestActor);
        var echo = Sys.ActorOf(Props.Create<Echo>());
        echo.Tell("no sender");
        Assert.Equal("no sender", ExpectMsg<DeadLetter>().Message);
    }

    [Fact]
    public void Messages_queued_when_an_actor_stops_become_dead_letters()
    {
        var probe = CreateTestProbe();
        var gate = new ManualResetEventSlim();
        var actor = Sys.ActorOf(Props.Create(() => new Blocker(gate, probe.Ref)));
        actor.Tell("block");
        probe.ExpectMsg("blocked");
        Sys.EventStream.Subscribe<DeadLetter>(TestActor);
        actor.Tell("queued 1");
        actor.Tell("queued 2");
        Sys.Stop(actor);
        gate.Set();
        Assert.Equal(["queued 1", "queued 2"], ReceiveN(2).Cast<DeadLetter>().Select(d => d.Message));
    }

    [Fact]
    public void Unsubscribing_stops_dead_letter_delivery()
    {
        Sys.EventStream.Subscribe<DeadLetter>(TestActor);
        Sys.DeadLetters.Tell("seen");
        ExpectMsg<DeadLetter>();
        Sys.EventStream.Unsubscribe(TestActor, typeof(DeadLetter));
        Sys.DeadLetters.Tell("not seen");
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }
}
