using ActorBroker.Actors;
using ActorBroker.Remote;
using Microsoft.Extensions.Logging;

namespace ActorBroker.Cluster.Singleton;

/// <summary>
/// Runs one instance of an actor in the whole cluster, on the oldest Up member (with the role). Start a manager
/// with the same name on every member (or every member with the role); the one on the oldest member creates
/// the singleton as its child, named <see cref="ClusterSingletonManagerSettings.SingletonName"/>.
/// <para>
/// When the oldest leaves gracefully, the next oldest asks it to hand over: the old instance is stopped with
/// the termination message and only after it has stopped does the new one start. When the oldest crashes, its
/// successor waits until it is downed and removed, plus the removal margin, so the two never run at once.
/// Reach the singleton through a <see cref="ClusterSingletonProxy"/>.
/// </para>
/// </summary>
public sealed class ClusterSingletonManager : ReceiveActor, IWithTimers
{
    private readonly Props _singletonProps;
    private readonly object _terminationMessage;
    private readonly ClusterSingletonManagerSettings _settings;
    private readonly Cluster _cluster;
    private readonly UniqueAddress _self;
    private readonly MembersByAge _members;
    private readonly TimeSpan _removalMargin;
    private readonly List<IActorRef> _handOverRequesters = [];
    private readonly ILogger _log;
    private ManagerPhase _phase = ManagerPhase.Start;
    private IActorRef? _singleton;
    private UniqueAddress? _previousOldest;

    public ClusterSingletonManager(Props singletonProps, object terminationMessage, ClusterSingletonManagerSettings settings)
    {
        _singletonProps = singletonProps;
        _terminationMessage = terminationMessage;
        _settings = settings;
        _cluster = Cluster.Get(Context.System);
        _self = _cluster.SelfUniqueAddress;
        _members = new MembersByAge(settings.Role);
        _removalMargin = settings.RemovalMargin ?? _cluster.Settings.SplitBrainResolver.StableAfter;
        _log = Context.System.LoggerFactory.CreateLogger("ActorBroker.Cluster.Singleton");

        Receive<CurrentClusterState>(state =>
        {
            _members.Reset(state);
            Evaluate();
        });
        Receive<MemberEvent>(e =>
        {
            _members.Apply(e);
            Evaluate();
        });
        Receive<HandOverToMe>(_ => OnHandOverToMe(Sender));
        Receive<HandOverDone>(_ => OnHandOverDone(Sender));
        Receive<RetryHandOver>(_ => AskPreviousOldestToHandOver());
        Receive<TakeOver>(_ =>
        {
            if (_phase == ManagerPhase.BecomingOldest) StartSingleton("the crashed previous oldest was removed and the removal margin has passed");
        });
        Receive<Terminated>(t => t.ActorRef.Equals(_singleton), _ => OnSingletonTerminated());
        Receive<GetSingletonStatus>(_ => Sender.Tell(Status(), Self));
    }

    /// <summary>Props for a manager of <paramref name="singletonProps"/>; <paramref name="terminationMessage"/> (e.g. PoisonPill) stops the instance at hand-over.</summary>
    public static Props Props(Props singletonProps, object terminationMessage, ClusterSingletonManagerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(singletonProps);
        ArgumentNullException.ThrowIfNull(terminationMessage);
        ArgumentNullException.ThrowIfNull(settings);
        return Actors.Props.Create(() => new ClusterSingletonManager(singletonProps, terminationMessage, settings));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    private sealed record RetryHandOver
    {
        public static readonly RetryHandOver Instance = new();
    }

    private sealed record TakeOver
    {
        public static readonly TakeOver Instance = new();
    }

    protected override void PreStart()
    {
        _cluster.Placement.AddSingletonManager(Self, _settings.Role);
        if (_settings.Role is { } role && !_cluster.SelfRoles.Contains(role))
        {
            _log.LogWarning("Singleton manager {Path} is on {Node}, which lacks role '{Role}': it will never host the singleton",
                Self.Path, _self.Address, role);
            _phase = ManagerPhase.NotEligible;
            return;
        }

        _cluster.Subscribe(Self, InitialStateMode.AsSnapshot, typeof(MemberEvent));
    }

    protected override void PostStop()
    {
        _cluster.Placement.RemoveSingletonManager(Self);
        _cluster.Unsubscribe(Self);
    }

    private SingletonStatus Status() =>
        new(_settings.SingletonName, Self.Path.ToStringWithoutAddress(), _phase.ToString(), _singleton is not null, _members.Oldest?.Address);

    /// <summary>Re-decides what this node should do after the membership changed.</summary>
    private void Evaluate()
    {
        var oldestIsSelf = _self.Equals(_members.Oldest?.UniqueAddress);
        switch (_phase)
        {
            case ManagerPhase.Start:
                if (_members.StatusOf(_self) is not { } status || status == MemberStatus.Joining) return;
                if (oldestIsSelf)
                {
                    // Someone older may still be on its way out with an instance running: wait for it as a successor would.
                    _previousOldest = _members.OlderOnItsWayOut(_self)?.UniqueAddress;
                    BecomeOldest();
                }
                else
                {
                    _previousOldest = _members.Oldest?.UniqueAddress;
                    _phase = ManagerPhase.Younger;
                }

                break;
            case ManagerPhase.Younger:
                if (oldestIsSelf) BecomeOldest();
                else if (_members.Oldest is { } oldest) _previousOldest = oldest.UniqueAddress;
                break;
            case ManagerPhase.BecomingOldest:
                if (oldestIsSelf)
                {
                    DecideTakeOver();
                }
                else
                {
                    Timers.CancelAll();
                    _phase = ManagerPhase.Younger;
                }

                break;
            case ManagerPhase.Oldest:
                if (!oldestIsSelf)
                {
                    _log.LogInformation("Singleton {Name}: this node is no longer the oldest (now {Oldest}); the instance runs until the successor takes it over",
                        _settings.SingletonName, _members.Oldest?.Address.ToString() ?? "none");
                    _phase = ManagerPhase.WasOldest;
                }

                StopIfExiting();
                break;
            case ManagerPhase.WasOldest:
                StopIfExiting();
                break;
        }
    }

    private void BecomeOldest()
    {
        _phase = ManagerPhase.BecomingOldest;
        DecideTakeOver();
    }

    /// <summary>As the new oldest: start at once, ask the previous oldest to hand over, or wait for it to be removed.</summary>
    private void DecideTakeOver()
    {
        if (_previousOldest is not { } previous || previous.Equals(_self))
        {
            StartSingleton("this is the oldest member");
            return;
        }

        switch (_members.StatusOf(previous))
        {
            case MemberStatus.Leaving or MemberStatus.Exiting:
                if (!Timers.IsTimerActive(RetryHandOver.Instance))
                {
                    AskPreviousOldestToHandOver();
                    Timers.StartPeriodicTimer(RetryHandOver.Instance, RetryHandOver.Instance, _settings.HandOverRetryInterval);
                }

                break;
            case MemberStatus.Removed:
                Timers.Cancel(RetryHandOver.Instance);
                if (_members.StatusBeforeRemoval(previous) == MemberStatus.Down)
                {
                    if (!Timers.IsTimerActive(TakeOver.Instance))
                    {
                        _log.LogInformation("Singleton {Name}: previous oldest {Previous} was downed and removed; starting here after the removal margin of {Margin}",
                            _settings.SingletonName, previous.Address, _removalMargin);
                        Timers.StartSingleTimer(TakeOver.Instance, TakeOver.Instance, _removalMargin);
                    }
                }
                else
                {
                    StartSingleton($"previous oldest {previous.Address} left");
                }

                break;
            case null:
                StartSingleton("this is the oldest member");
                break;
            default:
                // Down (or still Up but unreachable): its instance may be running until it is removed.
                _log.LogInformation("Singleton {Name}: waiting for the previous oldest {Previous} ({Status}) to be removed before taking over",
                    _settings.SingletonName, previous.Address, _members.StatusOf(previous));
                break;
        }
    }

    private void AskPreviousOldestToHandOver()
    {
        if (_phase != ManagerPhase.BecomingOldest || _previousOldest is not { } previous) return;
        _log.LogDebug("Singleton {Name}: asking {Previous} to hand over", _settings.SingletonName, previous.Address);
        Context.ActorSelection(previous.Address + Self.Path.ToStringWithoutAddress()).Tell(HandOverToMe.Instance, Self);
    }

    private void OnHandOverDone(IActorRef from)
    {
        if (_phase != ManagerPhase.BecomingOldest || _previousOldest is not { } previous || !from.Path.Address.Equals(previous.Address)) return;
        StartSingleton($"previous oldest {previous.Address} handed over");
    }

    private void StartSingleton(string why)
    {
        Timers.CancelAll();
        _singleton = Context.Watch(Context.ActorOf(_singletonProps, _settings.SingletonName));
        _phase = ManagerPhase.Oldest;
        _log.LogInformation("Singleton {Name} started on {Node}: {Why}", _settings.SingletonName, _self.Address, why);
    }

    private void OnHandOverToMe(IActorRef requester)
    {
        switch (_phase)
        {
            case ManagerPhase.Oldest or ManagerPhase.BecomingOldest when _self.Equals(_members.Oldest?.UniqueAddress):
                // This node still sees itself as the oldest; the requester's view is ahead and it will ask again.
                _log.LogDebug("Singleton {Name}: {Requester} asked for a hand-over while this node still sees itself as the oldest",
                    _settings.SingletonName, requester.Path.Address);
                break;
            case ManagerPhase.Oldest or ManagerPhase.WasOldest:
                _handOverRequesters.Add(requester);
                BeginStopping($"{requester.Path.Address} asked for a hand-over");
                break;
            case ManagerPhase.Stopping:
                _handOverRequesters.Add(requester);
                break;
            default:
                // No instance runs here (handed over already, or never started).
                requester.Tell(HandOverDone.Instance, Self);
                break;
        }
    }

    private void StopIfExiting()
    {
        if (_members.StatusOf(_self) is MemberStatus.Exiting or MemberStatus.Down or MemberStatus.Removed)
            BeginStopping("this node is exiting the cluster");
    }

    private void BeginStopping(string why)
    {
        _phase = ManagerPhase.Stopping;
        if (_singleton is null)
        {
            FinishHandOver();
            return;
        }

        _log.LogInformation("Singleton {Name}: stopping the instance on {Node}: {Why}", _settings.SingletonName, _self.Address, why);
        _singleton.Tell(_terminationMessage, Self);
    }

    private void OnSingletonTerminated()
    {
        _singleton = null;
        if (_phase == ManagerPhase.Stopping)
        {
            FinishHandOver();
            return;
        }

        _log.LogWarning("Singleton {Name} on {Node} stopped on its own; it is not restarted until the singleton moves to another node",
            _settings.SingletonName, _self.Address);
    }

    private void FinishHandOver()
    {
        _phase = ManagerPhase.HandedOver;
        foreach (var requester in _handOverRequesters) requester.Tell(HandOverDone.Instance, Self);
        _log.LogInformation("Singleton {Name}: handed over from {Node}", _settings.SingletonName, _self.Address);
        _handOverRequesters.Clear();
    }
}
