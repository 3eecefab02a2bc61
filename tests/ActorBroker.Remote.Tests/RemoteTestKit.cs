using ActorBroker.Actors;
using ActorBroker.TestKit.MultiNode;
using Xunit.Abstractions;

namespace ActorBroker.Remote.Tests;

/// <summary>A TestKit whose system has remoting, plus other nodes started on demand and stopped with it.</summary>
public abstract class RemoteTestKit(ITestOutputHelper output) : ActorBroker.TestKit.TestKit(TestNodes.DefaultConfig, output)
{
    protected TestNodes Nodes { get; } = new(output);

    protected override void Shutdown(TimeSpan? timeout = null)
    {
        Nodes.Dispose();
        base.Shutdown(timeout);
    }

    /// <summary>A remote ref, as this test's system sees it, to <paramref name="actor"/> on another node.</summary>
    protected IActorRef RemoteRefTo(IActorRef actor) => Sys.Provider.ResolveActorRef(actor.Path);

    /// <summary>Replies to every message with the message itself.</summary>
    protected sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(m => Sender.Tell(m, Self));
    }

    /// <summary>Ignores everything: a watch target.</summary>
    protected sealed class Idle : ReceiveActor
    {
        public Idle() => ReceiveAny(_ => { });
    }
}
