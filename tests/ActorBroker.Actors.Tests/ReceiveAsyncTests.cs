using ActorBroker.TestKit;

namespace ActorBroker.Actors.Tests;

public sealed class ReceiveAsyncTests : TestKit.TestKit
{
    /// <summary>"slow" awaits the gate; other strings are reported; state is a list of events.</summary>
    private sealed class AsyncActor : ReceiveActor
    {
        private int _handled;

        public AsyncActor(Task gate, IActorRef probe)
        {
            ReceiveAsync<string>(async s =>
            {
                probe.Tell("slow started");
                await gate;
                probe.Tell("slow finished");
                _handled++;
            }, s => s == "slow");
            ReceiveAsync<string>(async _ =>
            {
                var senderBefore = Sender;
                var selfBefore = Self;
                await gate;
                await Task.Yield();
                probe.Tell(new Identities(senderBefore, Sender, selfBefore, Self));
            }, s => s == "who");
            ReceiveAsync<string>(async _ =>
            {
                await gate;
                throw new InvalidOperationException("async boom");
            }, s => s == "fail-async");
            ReceiveAsync<string>(_ => throw new InvalidOperationException("sync boom"), s => s == "fail-sync");
            Receive<string>(s => s == "count", _ => Sender.Tell(_handled, Self));
            Receive<string>(s => probe.Tell(s));
        }
    }

    private sealed record Identities(IActorRef SenderBefore, IActorRef SenderAfter, IActorRef SelfBefore, IActorRef SelfAfter);

    [Fact]
    public void No_other_message_is_processed_until_the_task_completes()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = Sys.ActorOf(Props.Create(() => new AsyncActor(gate.Task, TestActor)));
        actor.Tell("slow");
        actor.Tell("next");
        ExpectMsg("slow started");
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        gate.SetResult();
        ExpectMsg("slow finished");
        ExpectMsg("next");
    }

    [Fact]
    public void Sender_and_Self_stay_valid_after_await()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = Sys.ActorOf(Props.Create(() => new AsyncActor(gate.Task, TestActor)));
        actor.Tell("who", TestActor);
        actor.Tell("interleaved", ActorRefs.Nobody);
        gate.SetResult();
        var ids = ExpectMsg<Identities>();
        Assert.Equal(TestActor, ids.SenderBefore);
        Assert.Equal(TestActor, ids.SenderAfter);
        Assert.Equal(actor, ids.SelfBefore);
        Assert.Equal(actor, ids.SelfAfter);
        ExpectMsg("interleaved");
    }

    [Fact]
    public void A_faulted_task_goes_to_the_supervisor()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate.SetResult();
        var actor = Sys.ActorOf(Props.Create(() => new AsyncActor(gate.Task, TestActor)), "async-fails");
        actor.Tell("slow");
        ExpectMsg("slow started");
        ExpectMsg("slow finished");
        EventFilter.Exception<InvalidOperationException>(this, "async boom").ExpectOne(() => actor.Tell("fail-async"));
        actor.Tell("count", TestActor);
        ExpectMsg(0); // restarted: the new instance has handled nothing
    }

    [Fact]
    public void A_handler_that_throws_before_awaiting_goes_to_the_supervisor()
    {
        var actor = Sys.ActorOf(Props.Create(() => new AsyncActor(Task.CompletedTask, TestActor)));
        EventFilter.Exception<InvalidOperationException>(this, "sync boom").ExpectOne(() => actor.Tell("fail-sync"));
        actor.Tell("still alive");
        ExpectMsg("still alive");
    }

    [Fact]
    public void Messages_queued_behind_an_async_handler_keep_their_order()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = Sys.ActorOf(Props.Create(() => new AsyncActor(gate.Task, TestActor)));
        actor.Tell("slow");
        for (var i = 0; i < 20; i++) actor.Tell($"m{i}");
        ExpectMsg("slow started");
        gate.SetResult();
        ExpectMsg("slow finished");
        for (var i = 0; i < 20; i++) ExpectMsg($"m{i}");
    }
}
