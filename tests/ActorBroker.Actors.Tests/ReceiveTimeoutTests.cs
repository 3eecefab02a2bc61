namespace ActorBroker.Actors.Tests;

public sealed class ReceiveTimeoutTests : TestKit.TestKit
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(100);

    private sealed record Quiet(string Text) : INotInfluenceReceiveTimeout;

    private sealed class Idle : ReceiveActor
    {
        public Idle(IActorRef probe, TimeSpan timeout, bool offAfterFirst)
        {
            Context.SetReceiveTimeout(timeout);
            Receive<ReceiveTimeout>(_ =>
            {
                probe.Tell("timeout");
                if (offAfterFirst) Context.SetReceiveTimeout(null);
            });
            Receive<string>(s => s == "off", _ =>
            {
                Context.SetReceiveTimeout(null);
                probe.Tell(Context.ReceiveTimeout is null ? "off" : "still on");
            });
            Receive<string>(_ => { });
            Receive<Quiet>(_ => { });
        }
    }

    private IActorRef NewIdle(TimeSpan timeout, bool offAfterFirst = false) =>
        Sys.ActorOf(Props.Create(() => new Idle(TestActor, timeout, offAfterFirst)));

    [Fact]
    public void A_receive_timeout_fires_when_the_actor_is_idle()
    {
        NewIdle(Timeout);
        ExpectMsg("timeout", TimeSpan.FromSeconds(3));
    }

    [Fact]
    public void A_receive_timeout_keeps_firing_while_the_actor_stays_idle()
    {
        NewIdle(Timeout);
        ExpectMsg("timeout", TimeSpan.FromSeconds(3));
        ExpectMsg("timeout", TimeSpan.FromSeconds(3));
        ExpectMsg("timeout", TimeSpan.FromSeconds(3));
    }

    [Fact]
    public void Messages_reset_the_receive_timeout()
    {
        // A timeout 20 times the send interval, so a loaded CI machine stalling the loop does not fire it.
        var actor = NewIdle(TimeSpan.FromSeconds(1));
        // Keep it busy well past its timeout: a message every 50 ms for 2 s.
        var until = DateTime.UtcNow + TimeSpan.FromMilliseconds(2000);
        while (DateTime.UtcNow < until)
        {
            actor.Tell("busy");
            ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        }

        ExpectMsg("timeout", TimeSpan.FromSeconds(3));
    }

    [Fact]
    public void Messages_that_do_not_influence_the_receive_timeout_do_not_reset_it()
    {
        var actor = NewIdle(TimeSpan.FromMilliseconds(300));
        var started = DateTime.UtcNow;
        var fired = false;
        while (DateTime.UtcNow - started < TimeSpan.FromSeconds(2.5) && !fired)
        {
            actor.Tell(new Quiet("ignored"));
            fired = ReceiveOne(TimeSpan.FromMilliseconds(30)) is "timeout";
        }

        Assert.True(fired, "the receive timeout was reset by INotInfluenceReceiveTimeout messages");
    }

    [Fact]
    public void Setting_the_receive_timeout_to_null_turns_it_off()
    {
        NewIdle(Timeout, offAfterFirst: true);
        ExpectMsg("timeout", TimeSpan.FromSeconds(3));
        ExpectNoMsg(TimeSpan.FromMilliseconds(400));
    }

    [Fact]
    public void Turning_the_receive_timeout_off_before_it_fires_prevents_it()
    {
        var actor = NewIdle(TimeSpan.FromMilliseconds(300));
        actor.Tell("off");
        ExpectMsg("off");
        ExpectNoMsg(TimeSpan.FromMilliseconds(600));
    }
}
