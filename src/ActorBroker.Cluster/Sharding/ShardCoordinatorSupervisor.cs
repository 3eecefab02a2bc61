using ActorBroker.Actors;
using Microsoft.Extensions.Logging;

namespace ActorBroker.Cluster.Sharding;

/// <summary>
/// The singleton instance of a type's coordinator (Akka's BackoffSupervisor in the same place): runs the
/// <see cref="ShardCoordinator"/> as its child <c>coordinator</c> and starts it again coordinator-failure-backoff
/// after it stopped (e.g. its journal failed), so a journal outage does not leave the type without a coordinator.
/// </summary>
internal sealed class ShardCoordinatorSupervisor : ReceiveActor, IWithTimers
{
    internal const string CoordinatorName = "coordinator";

    private readonly Props _coordinatorProps;
    private readonly TimeSpan _backoff;
    private IActorRef? _coordinator;

    public ShardCoordinatorSupervisor(Props coordinatorProps, TimeSpan backoff)
    {
        _coordinatorProps = coordinatorProps;
        _backoff = backoff;
        var log = Context.System.LoggerFactory.CreateLogger("ActorBroker.Cluster.Sharding");
        Receive<Terminated>(t => t.ActorRef.Equals(_coordinator), _ =>
        {
            log.LogWarning("Shard coordinator {Path} stopped; starting it again in {Backoff} (coordinator-failure-backoff)", Self.Path, _backoff);
            _coordinator = null;
            Timers.StartSingleTimer(StartCoordinator.Instance, StartCoordinator.Instance, _backoff);
        });
        Receive<StartCoordinator>(_ => Start());
        ReceiveAny(message => _coordinator?.Forward(message));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(Props coordinatorProps, TimeSpan backoff) =>
        Actors.Props.Create(() => new ShardCoordinatorSupervisor(coordinatorProps, backoff));

    protected override void PreStart() => Start();

    // A failed coordinator may hold state ahead of its journal: stop it and recover a fresh one after the backoff.
    protected override SupervisorStrategy SupervisorStrategy() => Actors.SupervisorStrategy.StoppingStrategy;

    private void Start()
    {
        _coordinator = Context.ActorOf(_coordinatorProps, CoordinatorName);
        Context.Watch(_coordinator);
    }

    private sealed class StartCoordinator
    {
        public static readonly StartCoordinator Instance = new();
    }
}
