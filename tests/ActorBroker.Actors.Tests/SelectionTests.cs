namespace ActorBroker.Actors.Tests;

public sealed class SelectionTests : TestKit.TestKit
{
    private sealed record Select(string Path, object Message);

    /// <summary>Sends a message to a selection relative to itself.</summary>
    private sealed class Selector : ReceiveActor
    {
        public Selector()
        {
            Receive<Select>(s => Context.ActorSelection(s.Path).Tell(s.Message, Sender));
            Receive<string>(s => s == "make-kid", _ => Context.ActorOf(Props.Create<Echo>(), "kid"));
        }
    }

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    [Fact]
    public void An_absolute_path_reaches_the_actor()
    {
        Sys.ActorOf(Props.Create<Echo>(), "abs");
        Sys.ActorSelection("/user/abs").Tell("hi", TestActor);
        ExpectMsg("hi");
    }

    [Fact]
    public void A_full_path_with_the_address_reaches_the_actor()
    {
        var actor = Sys.ActorOf(Props.Create<Echo>(), "full");
        Sys.ActorSelection(actor.Path.ToString()).Tell("hi", TestActor);
        ExpectMsg("hi");
        Assert.Equal(actor, LastSender);
    }

    [Fact]
    public void A_relative_path_reaches_a_sibling()
    {
        var selector = Sys.ActorOf(Props.Create<Selector>(), "selector");
        var sibling = Sys.ActorOf(Props.Create<Echo>(), "sibling");
        selector.Tell(new Select("../sibling", "via parent"), TestActor);
        ExpectMsg("via parent");
        Assert.Equal(sibling, LastSender);
    }

    [Fact]
    public void A_relative_path_reaches_a_child()
    {
        var selector = Sys.ActorOf(Props.Create<Selector>(), "selector");
        selector.Tell("make-kid");
        AwaitAssert(() =>
        {
            selector.Tell(new Select("kid", "to kid"), TestActor);
            ExpectMsg("to kid", TimeSpan.FromMilliseconds(200));
        });
    }

    [Fact]
    public void A_wildcard_selection_reaches_every_matching_actor()
    {
        Sys.ActorOf(Props.Create<Echo>(), "worker-1");
        Sys.ActorOf(Props.Create<Echo>(), "worker-2");
        Sys.ActorOf(Props.Create<Echo>(), "other");
        Sys.ActorSelection("/user/worker-*").Tell("all workers", TestActor);
        ExpectMsg("all workers");
        ExpectMsg("all workers");
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Sys.ActorSelection("/user/worker-?").Tell("single char", TestActor);
        ReceiveN(2);
    }

    [Fact]
    public async Task ResolveOne_finds_the_actor()
    {
        var actor = Sys.ActorOf(Props.Create<Echo>(), "findme");
        var resolved = await Sys.ActorSelection("/user/findme").ResolveOne(Timeout);
        Assert.Equal(actor, resolved);
    }

    [Fact]
    public async Task ResolveOne_fails_with_ActorNotFoundException_naming_the_path()
    {
        var e = await Assert.ThrowsAsync<ActorNotFoundException>(() => Sys.ActorSelection("/user/missing").ResolveOne(Timeout));
        Assert.Contains("/user/missing", e.Message);
    }

    [Fact]
    public void Identify_answers_with_the_actor_ref()
    {
        var actor = Sys.ActorOf(Props.Create<Echo>(), "ident");
        Sys.ActorSelection("/user/ident").Tell(new Identify("id-1"), TestActor);
        var identity = ExpectMsg<ActorIdentity>();
        Assert.Equal("id-1", identity.MessageId);
        Assert.Equal(actor, identity.Subject);
    }

    [Fact]
    public void Identify_of_a_missing_actor_answers_with_no_subject()
    {
        Sys.ActorSelection("/user/nobody-here").Tell(new Identify(7), TestActor);
        var identity = ExpectMsg<ActorIdentity>();
        Assert.Equal(7, identity.MessageId);
        Assert.Null(identity.Subject);
    }

    [Fact]
    public void A_selection_that_matches_nothing_produces_a_dead_letter()
    {
        Sys.EventStream.Subscribe<DeadLetter>(TestActor);
        Sys.ActorSelection("/user/nothing/here").Tell("lost", TestActor);
        var dead = ExpectMsg<DeadLetter>();
        Assert.Equal("lost", dead.Message);
        Assert.Contains("/user/nothing/here", dead.Reason);
    }
}
