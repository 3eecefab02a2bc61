using ActorBroker.Actors;

namespace ActorBroker.TestKit.Tests;

internal sealed class Echo : ReceiveActor
{
    public Echo() => ReceiveAny(m => Sender.Tell(m, Self));
}

/// <summary>Throws the exceptions it receives; the default supervisor restarts it.</summary>
internal sealed class Thrower : ReceiveActor
{
    public Thrower()
    {
        Receive<Exception>(e => throw e);
        Receive<string>(s => Sender.Tell(s, Self));
    }
}

/// <summary>Creates a <see cref="Thrower"/> child and forwards everything to it.</summary>
internal sealed class Supervisor : ReceiveActor
{
    public Supervisor()
    {
        var child = Context.ActorOf(Props.Create<Thrower>(), "child");
        ReceiveAny(m => child.Forward(m));
    }
}
