namespace ActorBroker.Actors.Tests;

public sealed class AsyncHandlerRestartTests : TestKit.TestKit
{
    private sealed class Waiter : ReceiveActor
    {
        public Waiter(IActorRef probe, TaskCompletionSource gate)
        {
            ReceiveAsync<string>(async s =>
            {
                probe.Tell("waiting");
                await gate.Task;
                probe.Tell($"old continuation ran for {s}");
            }, s => s == "wait");
            Receive<string>(s => probe.Tell($"handled {s}"));
        }
    }

    private sealed class Failing : ReceiveActor
    {
        public Failing() => Receive<string>(_ => throw new InvalidOperationException("sibling failed"));
    }

    private sealed class Parent : ReceiveActor
    {
        public Parent(IActorRef probe, TaskCompletionSource gate)
        {
            var waiter = Context.ActorOf(Props.Create(() => new Waiter(probe, gate)), "waiter");
            var failing = Context.ActorOf(Props.Create<Failing>(), "failing");
            Receive<string>(s => (s == "fail" ? failing : waiter).Forward(s));
        }

        protected override SupervisorStrategy SupervisorStrategy() => new AllForOneStrategy(_ => Directive.Restart);
    }

    [Fact]
    public void A_restart_during_an_async_handler_drops_the_old_continuation_and_the_new_instance_works()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var parent = Sys.ActorOf(Props.Create(() => new Parent(TestActor, gate)));
        parent.Tell("wait");
        // Only once the old instance awaits may the sibling fail; otherwise the new instance would take "wait".
        ExpectMsg("waiting");
        parent.Tell("fail"); // AllForOne restarts the waiter while its handler awaits

        AwaitAssert(() =>
        {
            parent.Tell("ping");
            ExpectMsg("handled ping", TimeSpan.FromMilliseconds(200));
        }, TimeSpan.FromSeconds(3));

        // Late answers to retried pings may still trickle in; nothing else may.
        while (ReceiveOne(TimeSpan.FromMilliseconds(300)) is { } late) Assert.Equal("handled ping", late);

        gate.SetResult();
        parent.Tell("after");
        ExpectMsg("handled after");
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task Registering_a_termination_callback_after_termination_fails_clearly()
    {
        await Sys.Terminate();
        var error = Assert.Throws<InvalidOperationException>(() => Sys.RegisterOnTermination(() => { }));
        Assert.Contains("already terminated", error.Message, StringComparison.Ordinal);
    }
}
