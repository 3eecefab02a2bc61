using ActorBroker.Actors;

namespace ActorBroker.TestKit;

/// <summary>
/// A second (third...) test actor with the same assertions as the TestKit, for tests that need to
/// tell several parties apart. <see cref="Ref"/> is the probe's actor.
/// </summary>
public sealed class TestProbe : TestKitBase
{
    private static long _counter;

    internal TestProbe(ActorSystem system, string? name)
    {
        InitializeTest(system, name ?? $"testProbe-{Interlocked.Increment(ref _counter)}");
    }

    public IActorRef Ref => TestActor;

    public void Tell(object message, IActorRef? sender = null) => TestActor.Tell(message, sender);

    public override string ToString() => $"TestProbe({Ref.Path})";
}
