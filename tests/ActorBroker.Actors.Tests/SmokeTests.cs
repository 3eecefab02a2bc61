using ActorBroker.Actors;

namespace ActorBroker.Actors.Tests;

public sealed class SmokeTests : TestKit.TestKit
{
    private sealed class Echo : ReceiveActor
    {
        public Echo()
        {
            Receive<string>(s => Sender.Tell(s, Self));
            Receive<int>(i => throw new InvalidOperationException("boom " + i));
        }
    }

    [Fact]
    public void Echo_replies()
    {
        var echo = Sys.ActorOf(Props.Create<Echo>(), "echo");
        echo.Tell("hello", TestActor);
        ExpectMsg("hello");
    }

    [Fact]
    public async Task Ask_works()
    {
        var echo = Sys.ActorOf(Props.Create<Echo>(), "echo");
        var reply = await echo.Ask<string>("hi", TimeSpan.FromSeconds(3));
        Assert.Equal("hi", reply);
    }

    [Fact]
    public void Restart_and_watch()
    {
        var echo = Sys.ActorOf(Props.Create<Echo>(), "echo");
        Watch(echo);
        echo.Tell(1, TestActor);
        echo.Tell("after", TestActor);
        ExpectMsg("after");
        echo.Tell(PoisonPill.Instance);
        ExpectTerminated(echo);
    }
}
