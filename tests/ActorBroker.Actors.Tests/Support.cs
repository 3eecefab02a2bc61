namespace ActorBroker.Actors.Tests;

/// <summary>Sends everything it receives to a target, keeping the original sender.</summary>
internal sealed class Forwarder : ReceiveActor
{
    public Forwarder(IActorRef target) => ReceiveAny(m => target.Forward(m));
}

/// <summary>Replies to every message with the message itself.</summary>
internal sealed class Echo : ReceiveActor
{
    public Echo() => ReceiveAny(m => Sender.Tell(m, Self));
}

/// <summary>
/// A counter that reports its lifecycle to a probe: "ctor", "PreStart", "PostStop", "PreRestart",
/// "PostRestart". "inc" counts, "get" replies with the count, an Exception message is thrown.
/// </summary>
internal sealed class LifecycleCounter : ReceiveActor
{
    private readonly IActorRef _probe;
    private readonly string _prefix;
    private int _count;

    public LifecycleCounter(IActorRef probe, string prefix = "")
    {
        _probe = probe;
        _prefix = prefix;
        Report("ctor");
        Receive<string>(s => s == "inc", _ => _count++);
        Receive<string>(s => s == "get", _ => Sender.Tell(_count, Self));
        Receive<Exception>(e => throw e);
    }

    private void Report(string what) => _probe.Tell(_prefix + what, Self);

    protected override void PreStart() => Report("PreStart");

    protected override void PostStop() => Report("PostStop");

    protected override void PreRestart(Exception reason, object? message)
    {
        Report("PreRestart");
        base.PreRestart(reason, message);
    }

    protected override void PostRestart(Exception reason)
    {
        Report("PostRestart");
        base.PostRestart(reason);
    }
}

/// <summary>Creates its children from the given props (named child, child2...), forwards other messages to "child".</summary>
internal sealed class Parent : ReceiveActor
{
    public Parent(params Props[] children)
    {
        var refs = children.Select((p, i) => Context.ActorOf(p, i == 0 ? "child" : $"child{i + 1}")).ToArray();
        Receive<GetChildren>(_ => Sender.Tell(refs, Self));
        ReceiveAny(m => refs[0].Forward(m));
    }
}

internal sealed record GetChildren;

/// <summary>Blocks its thread on the first message until the gate opens, telling the probe it is blocked.</summary>
internal sealed class Blocker : ReceiveActor
{
    public Blocker(ManualResetEventSlim gate, IActorRef probe)
    {
        Receive<string>(s => s == "block", _ =>
        {
            probe.Tell("blocked", Self);
            gate.Wait(TimeSpan.FromSeconds(10));
        });
        ReceiveAny(m => probe.Tell(m, Self));
    }
}
