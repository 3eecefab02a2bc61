using ActorBroker.Actors;
using Xunit.Sdk;

namespace ActorBroker.TestKit.Tests;

public sealed class ExpectTests : TestKit
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(200);

    [Fact]
    public void ExpectMsg_returns_the_message_and_records_its_sender()
    {
        var echo = Sys.ActorOf(Props.Create<Echo>());
        echo.Tell("hi", TestActor);
        Assert.Equal("hi", ExpectMsg<string>());
        Assert.Equal(echo, LastSender);
    }

    [Fact]
    public void ExpectMsg_fails_on_timeout_saying_what_it_waited_for()
    {
        var e = Assert.ThrowsAny<XunitException>(() => ExpectMsg<string>(Short));
        Assert.Contains("Timeout (200 ms)", e.Message);
        Assert.Contains("String", e.Message);
    }

    [Fact]
    public void ExpectMsg_fails_on_a_different_message_naming_it()
    {
        TestActor.Tell(42);
        var e = Assert.ThrowsAny<XunitException>(() => ExpectMsg("forty-two"));
        Assert.Contains("42", e.Message);
        Assert.Contains("forty-two", e.Message);
    }

    [Fact]
    public void ExpectMsg_with_a_predicate_fails_when_it_does_not_hold()
    {
        TestActor.Tell(3);
        Assert.ThrowsAny<XunitException>(() => ExpectMsg<int>(i => i > 5));
    }

    [Fact]
    public void ExpectMsg_with_assertions_runs_them()
    {
        TestActor.Tell("abc");
        Assert.ThrowsAny<XunitException>(() => ExpectMsg<string>(s => Assert.Equal("xyz", s)));
    }

    [Fact]
    public async Task ExpectMsgAsync_waits_without_blocking()
    {
        _ = Task.Run(() => TestActor.Tell("later"));
        Assert.Equal("later", await ExpectMsgAsync<string>());
        await Assert.ThrowsAnyAsync<XunitException>(() => ExpectMsgAsync<string>(timeout: Short));
    }

    [Fact]
    public void ExpectNoMsg_passes_when_nothing_arrives()
    {
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        ExpectNoMsg();
    }

    [Fact]
    public void ExpectNoMsg_fails_when_a_message_arrives()
    {
        TestActor.Tell("surprise");
        var e = Assert.ThrowsAny<XunitException>(() => ExpectNoMsg(Short));
        Assert.Contains("surprise", e.Message);
    }

    [Fact]
    public void ExpectMsgAllOf_accepts_any_order()
    {
        TestActor.Tell(3);
        TestActor.Tell(1);
        TestActor.Tell(2);
        var received = ExpectMsgAllOf(1, 2, 3);
        Assert.Equal([3, 1, 2], received);
    }

    [Fact]
    public void ExpectMsgAllOf_fails_on_an_unexpected_message()
    {
        TestActor.Tell(1);
        TestActor.Tell(4);
        var e = Assert.ThrowsAny<XunitException>(() => ExpectMsgAllOf(1, 2));
        Assert.Contains("unexpected", e.Message);
        Assert.Contains("4", e.Message);
    }

    [Fact]
    public void ExpectMsgAllOf_fails_when_one_is_missing()
    {
        TestActor.Tell(1);
        var e = Assert.ThrowsAny<XunitException>(() => ExpectMsgAllOf(Short, 1, 2));
        Assert.Contains("1 more", e.Message);
    }

    [Fact]
    public void ReceiveN_takes_messages_in_order()
    {
        for (var i = 0; i < 5; i++) TestActor.Tell(i);
        Assert.Equal([0, 1, 2], ReceiveN(3).Cast<int>());
        Assert.Equal([3, 4], ReceiveN(2).Cast<int>());
    }

    [Fact]
    public void ReceiveN_fails_when_too_few_arrive()
    {
        TestActor.Tell(1);
        var e = Assert.ThrowsAny<XunitException>(() => ReceiveN(2, Short));
        Assert.Contains("message 2 of 2", e.Message);
    }

    [Fact]
    public void FishForMessage_skips_until_a_match()
    {
        TestActor.Tell("noise");
        TestActor.Tell(1);
        TestActor.Tell(10);
        TestActor.Tell(11);
        Assert.Equal(10, FishForMessage<int>(i => i >= 10));
        Assert.Equal(11, ExpectMsg<int>());
    }

    [Fact]
    public void FishForMessage_fails_when_nothing_matches_in_time()
    {
        TestActor.Tell("noise");
        Assert.ThrowsAny<XunitException>(() => FishForMessage<int>(_ => true, Short));
    }

    [Fact]
    public void Reply_and_Forward_use_the_last_sender()
    {
        var echo = Sys.ActorOf(Props.Create<Echo>());
        echo.Tell("ping", TestActor);
        ExpectMsg("ping");
        Reply("pong");
        ExpectMsg("pong");
        var probe = CreateTestProbe();
        Forward(probe.Ref, "forwarded");
        probe.ExpectMsg("forwarded");
        Assert.Equal(echo, probe.LastSender);
    }
}
