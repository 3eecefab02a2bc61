using Akka.Actor;
using Akka.Event;

namespace ActorBroker.Broker.Internal;

/// <summary>
/// Watches the actors a node cannot serve without (the replica manager, the metadata cache, the front). They live
/// under the user guardian, which stops an actor for good on some failures (a DeathPactException, a failing
/// constructor); a node without one of them still looks Up to the cluster but never serves again. So when one stops
/// while the node is not shutting down, the node shuts itself down with <see cref="VitalActorStoppedReason"/>, loudly:
/// a process supervisor restarts it, and the restart is a fault the cluster already handles.
/// </summary>
internal sealed class VitalActorsWatch : ReceiveActor, IWithTimers
{
    public const string Name = "vital-actors";

    // An actor stopped by a shutdown already under way is not a failure; this long is enough for that shutdown to stop
    // this watch too, before it acts (a system being aborted sets no shutdown reason).
    private static readonly TimeSpan Confirmation = TimeSpan.FromMilliseconds(500);

    public VitalActorsWatch(IReadOnlyList<IActorRef> vital)
    {
        foreach (var actor in vital) Context.Watch(actor);
        var log = Context.GetLogger();
        Receive<Terminated>(t => Timers.StartSingleTimer(t.ActorRef, new Stopped(t.ActorRef), Confirmation));
        Receive<Stopped>(stopped =>
        {
            var shutdown = CoordinatedShutdown.Get(Context.System);
            if (shutdown.ShutdownReason is not null) return;
            log.Error("{Actor} stopped unexpectedly (its failure is logged above); this node cannot serve without it, so it shuts down " +
                      "to be restarted by its process supervisor", stopped.Actor.Path);
            shutdown.Run(VitalActorStoppedReason.Instance);
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(IReadOnlyList<IActorRef> vital) => Akka.Actor.Props.Create(() => new VitalActorsWatch(vital));

    private sealed record Stopped(IActorRef Actor);
}
