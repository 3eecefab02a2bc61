using ActorBroker.Actors;

namespace ActorBroker.TestKit;

/// <summary>
/// The assertions of the TestKit, shared by <see cref="TestKit"/> and <see cref="TestProbe"/>: a
/// test actor collects messages, and the Expect methods take them in order, failing with a clear
/// message when the next one is not what the test expected or does not arrive in time.
/// </summary>
public abstract partial class TestKitBase
{
    private readonly MessageQueue _queue = new();
    private IActorRef? _testActor;
    private DateTime? _end;

    static TestKitBase() => ThreadPoolHeadroom.Ensure();

    protected TestKitBase()
    {
    }

    /// <summary>The actor system under test.</summary>
    public ActorSystem Sys { get; private set; } = null!;

    public TestKitSettings TestKitSettings { get; private set; } = null!;

    /// <summary>An actor that records every message it gets; use it as the sender or reply-to of messages under test.</summary>
    public IActorRef TestActor => _testActor ?? throw new InvalidOperationException("The TestKit is not initialised");

    /// <summary>The sender of the message most recently taken by an Expect method.</summary>
    public IActorRef LastSender { get; private set; } = ActorRefs.Nobody;

    /// <summary>Number of messages received and not yet taken.</summary>
    public int HasMessages => _queue.Count;

    protected void InitializeTest(ActorSystem system, string testActorName)
    {
        Sys = system;
        TestKitSettings = new TestKitSettings(system.Config);
        var impl = (ActorSystemImpl)system;
        _testActor = impl.SystemActorOf(Props.Create(() => new TestActor(_queue, AcknowledgeWatch)), testActorName);
    }

    /// <summary>A new probe in this system: an independent test actor with the same assertions.</summary>
    public TestProbe CreateTestProbe(string? name = null) => new(Sys, name);

    /// <summary>A probe in another system, e.g. a second node of a multi-node test, checked with this kit's settings.</summary>
    public static TestProbe CreateTestProbe(ActorSystem system, string? name = null) => new(system, name);

    /// <summary>Scales a duration by <c>actorbroker.test.timefactor</c>.</summary>
    public TimeSpan Dilated(TimeSpan duration) =>
        duration == Timeout.InfiniteTimeSpan ? duration : TimeSpan.FromTicks((long)(duration.Ticks * TestKitSettings.TimeFactor));

    /// <summary>Delivers <see cref="Terminated"/> to the test actor when <paramref name="actor"/> stops.</summary>
    public IActorRef Watch(IActorRef actor)
    {
        TestActor.Tell(new WatchRequest(actor, Watch: true));
        AwaitCondition(() => { lock (_watchAcknowledged) return _watchAcknowledged.Remove(actor); }, null, null, $"watch of {actor.Path} was not registered");
        return actor;
    }

    public IActorRef Unwatch(IActorRef actor)
    {
        TestActor.Tell(new WatchRequest(actor, Watch: false));
        return actor;
    }

    /// <summary>Expects the <see cref="Terminated"/> of a watched actor.</summary>
    public Terminated ExpectTerminated(IActorRef actor, TimeSpan? timeout = null) =>
        ExpectMsg<Terminated>(t => t.ActorRef.Equals(actor), timeout, $"Terminated of {actor.Path}");

    /// <summary>Sends a message to an actor from the test actor.</summary>
    public void Send(IActorRef actor, object message) => actor.Tell(message, TestActor);

    /// <summary>Replies to <see cref="LastSender"/> from the test actor.</summary>
    public void Reply(object message) => LastSender.Tell(message, TestActor);

    /// <summary>Forwards to <paramref name="actor"/> keeping <see cref="LastSender"/> as the sender.</summary>
    public void Forward(IActorRef actor, object message) => actor.Tell(message, LastSender);

    private readonly HashSet<IActorRef> _watchAcknowledged = [];

    internal void AcknowledgeWatch(IActorRef actor)
    {
        lock (_watchAcknowledged) _watchAcknowledged.Add(actor);
    }

    internal MessageQueue Queue => _queue;
}

/// <summary>Asks the test actor to watch or unwatch an actor (watching must happen inside an actor).</summary>
internal sealed record WatchRequest(IActorRef Subject, bool Watch);
