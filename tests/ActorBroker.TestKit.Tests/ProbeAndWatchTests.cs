using ActorBroker.Actors;
using Xunit.Sdk;

namespace ActorBroker.TestKit.Tests;

public sealed class ProbeAndWatchTests : TestKit
{
    [Fact]
    public void Probes_are_independent_of_each_other_and_of_the_test_actor()
    {
        var a = CreateTestProbe();
        var b = CreateTestProbe();
        a.Tell("for a");
        b.Ref.Tell("for b");
        a.ExpectMsg("for a");
        b.ExpectMsg("for b");
        a.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        b.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        Assert.NotEqual(a.Ref, b.Ref);
    }

    [Fact]
    public void A_probe_can_be_used_as_a_sender()
    {
        var probe = CreateTestProbe("named-probe");
        Assert.Equal("named-probe", probe.Ref.Path.Name);
        var echo = Sys.ActorOf(Props.Create<Echo>());
        echo.Tell("back to the probe", probe.Ref);
        probe.ExpectMsg("back to the probe");
        Assert.Equal(echo, probe.LastSender);
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void Watch_and_ExpectTerminated_report_a_stopped_actor()
    {
        var echo = Sys.ActorOf(Props.Create<Echo>());
        Watch(echo);
        Sys.Stop(echo);
        var terminated = ExpectTerminated(echo);
        Assert.Equal(echo, terminated.ActorRef);
    }

    [Fact]
    public void ExpectTerminated_fails_for_another_actor()
    {
        var stopped = Sys.ActorOf(Props.Create<Echo>());
        var other = Sys.ActorOf(Props.Create<Echo>());
        Watch(stopped);
        Sys.Stop(stopped);
        var e = Assert.ThrowsAny<XunitException>(() => ExpectTerminated(other));
        Assert.Contains(other.Path.ToString(), e.Message);
    }

    [Fact]
    public void A_probe_watches_on_its_own()
    {
        var probe = CreateTestProbe();
        var echo = Sys.ActorOf(Props.Create<Echo>());
        probe.Watch(echo);
        Sys.Stop(echo);
        probe.ExpectTerminated(echo);
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void Unwatch_stops_Terminated_from_arriving()
    {
        var echo = Sys.ActorOf(Props.Create<Echo>());
        Watch(echo);
        Unwatch(echo);
        var probe = CreateTestProbe();
        probe.Watch(echo);
        Sys.Stop(echo);
        probe.ExpectTerminated(echo);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }
}
