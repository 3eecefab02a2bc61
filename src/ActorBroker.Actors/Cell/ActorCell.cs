using Microsoft.Extensions.Logging;

namespace ActorBroker.Actors;

/// <summary>
/// The runtime side of one actor: its mailbox, current message, children, watchers and lifecycle.
/// Everything here runs on the mailbox's thread, one message at a time, except where noted.
/// </summary>
internal sealed partial class ActorCell : IActorContext
{
    [ThreadStatic] private static ActorCell? _cellUnderConstruction;
    [ThreadStatic] private static ActorCell? _currentCell;

    private ActorBase? _actor;
    private Envelope? _current;
    private bool _failedSuspended;
    private bool _asyncInFlight;
    private ActorStash? _stash;
    private ActorTimers? _timers;
    private ILogger? _log;
    private IInternalActorRef? _escalatedChild;

    public ActorCell(ActorSystemImpl system, LocalActorRef self, Props props, IInternalActorRef parent, Mailbox mailbox)
    {
        System = system;
        SelfRef = self;
        Props = props;
        ParentRef = parent;
        Mailbox = mailbox;
    }

    internal static ActorCell? CellUnderConstruction => _cellUnderConstruction;

    public ActorSystemImpl System { get; }

    ActorSystem IActorContext.System => System;

    public LocalActorRef SelfRef { get; }

    public IActorRef Self => SelfRef;

    public IInternalActorRef ParentRef { get; }

    public IActorRef Parent => ParentRef;

    public Props Props { get; }

    public Mailbox Mailbox { get; }

    public IActorRef Sender => _current?.Sender ?? System.DeadLetters;

    internal Envelope? CurrentEnvelope => _current;

    /// <summary>Counts user messages processed; tells one delivery of a message from the next.</summary>
    internal long InvocationCount { get; private set; }

    internal ILogger Log => _log ??= System.LoggerFactory.CreateLogger(_actor?.GetType().FullName ?? "ActorBroker.Actors.ActorCell");

    /// <summary>False while the actor awaits its supervisor, an async handler, or is stopping.</summary>
    public bool CanProcessUserMessages => !_failedSuspended && !_asyncInFlight && !_terminating && _actor is not null;

    internal static IActorRef? CurrentSenderOrNull() => _currentCell?._current?.Sender;

    internal void Attach(ActorBase actor)
    {
        _actor = actor;
        if (actor is IWithStash withStash) withStash.Stash = _stash ??= new ActorStash(this, System.Settings.StashCapacity);
        if (actor is IWithTimers withTimers) withTimers.Timers = _timers ??= new ActorTimers(this);
    }

    public ILogger GetLogger() => Log;

    /// <summary>Runs <paramref name="action"/> as if processing <paramref name="message"/> from <paramref name="sender"/> (persistent actors run event handlers with the command's sender).</summary>
    internal void RunAs(object message, IActorRef? sender, Action action)
    {
        var previous = _current;
        _current = new Envelope(message, sender);
        try
        {
            action();
        }
        finally
        {
            _current = previous;
        }
    }

    /// <summary>Processes one user message.</summary>
    public void Invoke(Envelope envelope)
    {
        InvocationCount++;
        _current = envelope;
        _currentCell = this;
        try
        {
            var message = envelope.Message;
            if (message is TimerFired fired)
            {
                var inner = _timers?.Accept(fired);
                if (inner is null) return;
                message = inner;
                _current = envelope with { Message = inner };
            }

            if (message is ReceiveTimeoutTick tick)
            {
                if (!AcceptReceiveTimeout(tick)) return;
                message = global::ActorBroker.Actors.ReceiveTimeout.Instance;
                _current = envelope with { Message = message };
            }

            if (!HandleAutoReceived(message))
            {
                if (!_actor!.ReceiveInternal(message)) _actor.UnhandledInternal(message);
            }

            // A fired ReceiveTimeout re-arms itself, so it keeps firing while the actor stays idle. Asking first whether a
            // timeout is in use spares the interface check, a scan of the interface list for e.g. a boxed long.
            if (UsesReceiveTimeout && (message is not INotInfluenceReceiveTimeout || message is global::ActorBroker.Actors.ReceiveTimeout))
                RestartReceiveTimeout();
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e);
        }
        finally
        {
            _currentCell = null;
            if (!_asyncInFlight) _current = null;
        }
    }

    /// <summary>Messages that the cell handles (or unwraps) before the actor sees them, whatever the actor is.</summary>
    internal static bool IsHandledByCell(object message) =>
        message is PoisonPill or Kill or Identify or Terminated or TimerFired or ReceiveTimeoutTick;

    /// <summary>Messages every actor understands without declaring them.</summary>
    private bool HandleAutoReceived(object message)
    {
        switch (message)
        {
            case PoisonPill:
                Stop(Self);
                return true;
            case Kill:
                throw new ActorKilledException($"{Self.Path} was killed by a Kill message");
            case Identify identify:
                Sender.Tell(new ActorIdentity(identify.MessageId, Self), Self);
                return true;
            case Terminated terminated when !AcceptTerminated(terminated):
                return true; // unwatched meanwhile: drop silently, as Akka does
            default:
                return false;
        }
    }

    private void HandleInvokeFailure(Exception cause)
    {
        if (_terminating)
        {
            Log.LogError(cause, "Actor {Actor} failed while stopping", Self.Path);
            return;
        }

        _failedSuspended = true;
        AbandonAsyncHandler();
        ParentRef.SendSystemMessage(new Failed(SelfRef, cause, Self.Path.Uid));
    }

    /// <summary>Fails this actor with a child's exception so that this actor's supervisor decides.</summary>
    internal void Escalate(Exception cause, IInternalActorRef failedChild)
    {
        _escalatedChild = failedChild;
        HandleInvokeFailure(cause);
    }

    /// <summary>Resumes this actor and, when it had escalated a child's failure, that child too (it is still suspended).</summary>
    private void ResumeAfterFailure(Resume resume)
    {
        _failedSuspended = false;
        if (_escalatedChild is not { } child) return;
        _escalatedChild = null;
        child.SendSystemMessage(new Resume(resume.CausedBy));
    }

    /// <summary>Processes one system message.</summary>
    public void SystemInvoke(ISystemMessage message)
    {
        _currentCell = this;
        try
        {
            switch (message)
            {
                case Create: CreateActor(); break;
                case Recreate recreate: BeginRecreate(recreate.Cause); break;
                case Resume resume: ResumeAfterFailure(resume); break;
                case Terminate: BeginTerminate(); break;
                case Watch watch: AddWatcher(watch); break;
                case Unwatch unwatch: RemoveWatcher(unwatch); break;
                case DeathWatchNotification notification: OnDeathWatchNotification(notification); break;
                case Failed failed: OnChildFailed(failed); break;
                case RunContinuation continuation: RunContinuationInActor(continuation); break;
                case AsyncHandlerCompleted completed: OnAsyncHandlerCompleted(completed); break;
            }
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e);
        }
        finally
        {
            _currentCell = null;
        }
    }

    private void CreateActor()
    {
        try
        {
            _actor = NewActorInstance();
            _actor.AroundPreStart();
        }
        catch (Exception e)
        {
            _actor = null;
            _failedSuspended = true;
            ParentRef.SendSystemMessage(new Failed(SelfRef,
                new ActorInitializationException(Self, $"Could not create {Props.ActorType.Name} at {Self.Path}: {e.Message}", e),
                Self.Path.Uid));
        }
    }

    private ActorBase NewActorInstance()
    {
        var previous = _cellUnderConstruction;
        _cellUnderConstruction = this;
        try
        {
            ActorBase instance;
            try
            {
                instance = Props.NewActor();
            }
            catch (global::System.Reflection.TargetInvocationException e) when (e.InnerException is not null)
            {
                // Props.Create<T>() and Props.Create<T>(args) construct through reflection: surface the constructor's own exception.
                global::System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
                throw;
            }

            if (!ReferenceEquals(_actor, instance))
                throw new ActorException($"{instance.GetType().Name} was not attached to its cell; create actors only through Props");
            return instance;
        }
        finally
        {
            _cellUnderConstruction = previous;
        }
    }

    private void OnChildFailed(Failed failed)
    {
        if (!TryGetChildStats(failed.Child, out var stats)) return; // a child that already left
        var strategy = _actor?.SupervisorStrategyInternal() ?? Props.SupervisorStrategy ?? System.DefaultSupervisorStrategyFor(this);
        strategy.HandleFailure(this, failed.Child, failed.Cause, stats);
    }
}
