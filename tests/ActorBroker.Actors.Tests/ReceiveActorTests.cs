namespace ActorBroker.Actors.Tests;

public sealed class ReceiveActorTests : TestKit.TestKit
{
    private sealed class Typed : ReceiveActor
    {
        public Typed()
        {
            Receive<int>(i => i > 100, i => Sender.Tell($"big {i}", Self));
            Receive<int>(i => Sender.Tell($"int {i}", Self));
            Receive<string>(s => Sender.Tell($"string {s}", Self));
            Receive<string>(s => Sender.Tell("never: first string handler wins", Self));
        }
    }

    private sealed class WithFallback : ReceiveActor
    {
        public WithFallback()
        {
            Receive<int>(i => Sender.Tell($"int {i}", Self));
            ReceiveAny(m => Sender.Tell($"any {m}", Self));
        }
    }

    private sealed class OnlyInts : ReceiveActor
    {
        public OnlyInts() => Receive<int>(i => Sender.Tell(i, Self));
    }

    private sealed class Untyped : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            if (message is string s) Sender.Tell("got " + s, Self);
            else Unhandled(message);
        }
    }

    [Fact]
    public void Typed_receive_dispatches_by_message_type()
    {
        var actor = Sys.ActorOf(Props.Create<Typed>());
        actor.Tell(1, TestActor);
        actor.Tell("x", TestActor);
        ExpectMsg("int 1");
        ExpectMsg("string x");
    }

    [Fact]
    public void Predicate_receive_handles_only_matching_messages_and_falls_through_otherwise()
    {
        var actor = Sys.ActorOf(Props.Create<Typed>());
        actor.Tell(500, TestActor);
        actor.Tell(5, TestActor);
        ExpectMsg("big 500");
        ExpectMsg("int 5");
    }

    [Fact]
    public void ReceiveAny_handles_what_no_earlier_handler_matched()
    {
        var actor = Sys.ActorOf(Props.Create<WithFallback>());
        actor.Tell(3, TestActor);
        actor.Tell(2.5, TestActor);
        ExpectMsg("int 3");
        ExpectMsg("any 2.5");
    }

    [Fact]
    public void Unhandled_messages_are_published_as_UnhandledMessage()
    {
        Sys.EventStream.Subscribe<UnhandledMessage>(TestActor);
        var actor = Sys.ActorOf(Props.Create<OnlyInts>(), "only-ints");
        actor.Tell("not an int", TestActor);
        var unhandled = ExpectMsg<UnhandledMessage>();
        Assert.Equal("not an int", unhandled.Message);
        Assert.Equal(actor, unhandled.Recipient);
        Assert.Equal(TestActor, unhandled.Sender);
        actor.Tell(7, TestActor);
        ExpectMsg(7); // an unhandled message does not harm the actor
    }

    [Fact]
    public void UntypedActor_receives_every_message_and_can_mark_one_unhandled()
    {
        Sys.EventStream.Subscribe<UnhandledMessage>(TestActor);
        var actor = Sys.ActorOf(Props.Create<Untyped>());
        actor.Tell("a", TestActor);
        ExpectMsg("got a");
        actor.Tell(42, TestActor);
        Assert.Equal(42, ExpectMsg<UnhandledMessage>().Message);
    }

    [Fact]
    public void An_actor_cannot_be_created_with_new()
    {
        var e = Assert.Throws<ActorException>(() => new Echo());
        Assert.Contains("Props", e.Message);
    }

    [Fact]
    public void Props_with_arguments_pick_the_matching_constructor()
    {
        var actor = Sys.ActorOf(Props.Create<Forwarder>(TestActor));
        actor.Tell("via args");
        ExpectMsg("via args");
    }
}
