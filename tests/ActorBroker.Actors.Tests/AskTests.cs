namespace ActorBroker.Actors.Tests;

public sealed class AskTests : TestKit.TestKit
{
    public AskTests() : base("actorbroker.actor.ask-timeout = 300ms")
    {
    }

    private sealed class Replier : ReceiveActor
    {
        public Replier()
        {
            Receive<string>(s => s == "fail", _ => Sender.Tell(new Status.Failure(new InvalidOperationException("remote cause")), Self));
            Receive<string>(s => s == "silent", _ => { });
            Receive<string>(s => s == "twice", _ =>
            {
                Sender.Tell("first", Self);
                Sender.Tell("second", Self);
            });
            Receive<string>(s => Sender.Tell(s.ToUpperInvariant(), Self));
            Receive<int>(i => Sender.Tell(i * 2, Self));
        }
    }

    private IActorRef NewReplier(string name = "replier") => Sys.ActorOf(Props.Create<Replier>(), name);

    [Fact]
    public async Task Ask_returns_the_reply()
    {
        var actor = NewReplier();
        Assert.Equal("HELLO", await actor.Ask<string>("hello", TimeSpan.FromSeconds(3)));
        Assert.Equal(42, await actor.Ask<int>(21, TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public async Task Ask_for_the_wrong_reply_type_fails_naming_both_types()
    {
        var actor = NewReplier();
        var e = await Assert.ThrowsAsync<InvalidCastException>(() => actor.Ask<int>("text", TimeSpan.FromSeconds(3)));
        Assert.Contains("Int32", e.Message);
        Assert.Contains("String", e.Message);
    }

    [Fact]
    public async Task Ask_without_reply_times_out_with_a_clear_message()
    {
        var actor = NewReplier("mute");
        var e = await Assert.ThrowsAsync<AskTimeoutException>(() => actor.Ask<string>("silent", TimeSpan.FromMilliseconds(200)));
        Assert.Contains(actor.Path.ToString(), e.Message);
        Assert.Contains("200 ms", e.Message);
        Assert.Contains("String", e.Message);
    }

    [Fact]
    public async Task Ask_uses_the_configured_default_timeout()
    {
        var actor = NewReplier();
        var e = await Assert.ThrowsAsync<AskTimeoutException>(() => actor.Ask<string>("silent"));
        Assert.Contains("300 ms", e.Message);
    }

    [Fact]
    public async Task A_Status_Failure_reply_throws_its_cause()
    {
        var actor = NewReplier();
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => actor.Ask<string>("fail", TimeSpan.FromSeconds(3)));
        Assert.Equal("remote cause", e.Message);
    }

    [Fact]
    public async Task Ask_can_be_cancelled()
    {
        var actor = NewReplier();
        using var cts = new CancellationTokenSource();
        var ask = actor.Ask<string>("silent", TimeSpan.FromSeconds(3), cts.Token);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ask);
    }

    [Fact]
    public async Task Ask_of_Nobody_fails_at_once()
    {
        await Assert.ThrowsAsync<AskTimeoutException>(() => ActorRefs.Nobody.Ask<string>("anyone?", TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public async Task A_second_reply_goes_to_dead_letters()
    {
        Sys.EventStream.Subscribe<DeadLetter>(TestActor);
        var actor = NewReplier();
        Assert.Equal("first", await actor.Ask<string>("twice", TimeSpan.FromSeconds(3)));
        var dead = ExpectMsg<DeadLetter>();
        Assert.Equal("second", dead.Message);
        Assert.Equal(actor, dead.Sender);
    }

    [Fact]
    public void PipeTo_sends_the_result_of_a_task()
    {
        var source = new TaskCompletionSource<int>();
        source.Task.PipeTo(TestActor);
        source.SetResult(7);
        ExpectMsg(7);
    }

    [Fact]
    public void PipeTo_maps_success_and_keeps_the_sender()
    {
        var sender = NewReplier();
        Task.FromResult(3).PipeTo(TestActor, sender, success: i => $"mapped {i}");
        ExpectMsg("mapped 3");
        Assert.Equal(sender, LastSender);
    }

    [Fact]
    public void PipeTo_sends_a_failure_as_Status_Failure()
    {
        var source = new TaskCompletionSource<int>();
        source.Task.PipeTo(TestActor);
        source.SetException(new TimeoutException("too slow"));
        var failure = ExpectMsg<Status.Failure>();
        Assert.IsType<TimeoutException>(failure.Cause);
    }

    [Fact]
    public void PipeTo_of_a_plain_task_sends_Status_Success()
    {
        Task.CompletedTask.PipeTo(TestActor);
        ExpectMsg<Status.Success>();
    }
}
