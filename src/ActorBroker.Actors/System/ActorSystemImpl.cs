using System.Collections.Concurrent;
using ActorBroker.Actors.Events;
using ActorBroker.Actors.Serialization;
using ActorBroker.Hocon;
using Microsoft.Extensions.Logging;

namespace ActorBroker.Actors;

internal sealed class ActorSystemImpl : ActorSystem
{
    private readonly ConcurrentDictionary<Type, object> _extensions = new();
    private readonly Stack<Action> _terminationCallbacks = new();
    private readonly TaskCompletionSource _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TimerBasedScheduler _scheduler = new();
    private readonly ILoggerFactory? _ownedLoggerFactory;
    private LocalActorRef _root = null!;
    private LocalActorRef _userGuardian = null!;
    private LocalActorRef _systemGuardian = null!;
    private int _terminateRequested;
    private int _deadLettersLogged;
    private bool _callbacksTaken;

    public ActorSystemImpl(string name, ActorSystemSetup setup)
    {
        Name = name;
        Config = (setup.Config ?? Config.Empty).WithFallback(ReferenceConfig.Load());
        Settings = new ActorSystemSettings(Config);
        if (setup.LoggerFactory is null)
        {
            _ownedLoggerFactory = Logging.ConsoleLoggerFactory.Create(Settings.LogLevel);
        }

        EventStream = new EventStream();
        LoggerFactory = new EventStreamLoggerFactory(setup.LoggerFactory ?? _ownedLoggerFactory!, EventStream);
        Log = LoggerFactory.CreateLogger("ActorBroker.Actors.ActorSystem");
        Dispatchers = new Dispatchers(Config);
        Serialization = new SerializationRegistry(this);
        Provider = CreateProvider();
        DeadLetterRef = new DeadLetterActorRef(this, ActorPath.Root(Provider.DefaultAddress).Child("deadLetters"));
        TempContainer = new TempContainer(ActorPath.Root(Provider.DefaultAddress).Child("temp"));
    }

    public override string Name { get; }

    public override Config Config { get; }

    public override ActorSystemSettings Settings { get; }

    public override Address Address => Provider.DefaultAddress;

    public override IActorRef DeadLetters => DeadLetterRef;

    internal DeadLetterActorRef DeadLetterRef { get; }

    public override EventStream EventStream { get; }

    public override IScheduler Scheduler => _scheduler;

    public override ILoggerFactory LoggerFactory { get; }

    public override ILogger Log { get; }

    public override SerializationRegistry Serialization { get; }

    public override ActorRefProvider Provider { get; }

    internal Dispatchers Dispatchers { get; }

    internal TempContainer TempContainer { get; }

    internal bool IsTerminating => Volatile.Read(ref _terminateRequested) == 1;

    public override Task WhenTerminated => _terminated.Task;

    internal void Start()
    {
        var rootPath = ActorPath.Root(Provider.DefaultAddress);
        _root = new LocalActorRef(this, rootPath.WithUid(1), Props.Create<Guardian>(), new RootParentRef(this), new Mailbox(0));
        _root.Start();
        _userGuardian = (LocalActorRef)_root.Cell.ActorOf(Props.Create<Guardian>(), "user");
        _systemGuardian = (LocalActorRef)_root.Cell.ActorOf(Props.Create<Guardian>(), "system");
        Provider.Init(this);
        Log.LogDebug("Actor system {System} started", Address);
    }

    public override IActorRef ActorOf(Props props, string? name = null)
    {
        if (IsTerminating)
            throw new InvalidOperationException(
                $"Cannot create actor '{name ?? "(anonymous)"}': actor system '{Name}' {(WhenTerminated.IsCompleted ? "has terminated" : "is terminating")}");
        return _userGuardian.Cell.ActorOf(props, name);
    }

    /// <summary>Creates an actor under /system: for infrastructure that must outlive user actors during shutdown.</summary>
    internal IActorRef SystemActorOf(Props props, string? name = null) => _systemGuardian.Cell.ActorOf(props, name);

    public override ActorSelection ActorSelection(string path) => new(this, null, path);

    public override void Stop(IActorRef actor)
    {
        if (actor is IInternalActorRef internalRef) internalRef.Stop();
    }

    public override Task Terminate()
    {
        if (Interlocked.Exchange(ref _terminateRequested, 1) == 0)
        {
            Log.LogDebug("Actor system {System} is terminating", Address);
            _userGuardian.Stop();
        }

        return WhenTerminated;
    }

    public override void RegisterOnTermination(Action callback)
    {
        lock (_terminationCallbacks)
        {
            if (_callbacksTaken)
                throw new InvalidOperationException($"Actor system {Name} has already terminated; the callback would never run");
            _terminationCallbacks.Push(callback);
        }
    }

    public override T GetOrAddExtension<T>(Func<ActorSystem, T> create) =>
        (T)_extensions.GetOrAdd(typeof(T), static (_, arg) => arg.create(arg.system), (create, system: (ActorSystem)this));

    /// <summary>Drives ordered shutdown: user actors, then the provider, then system actors, then the root.</summary>
    internal void OnActorTerminated(ActorCell cell)
    {
        if (ReferenceEquals(cell, _userGuardian.Cell))
        {
            Interlocked.Exchange(ref _terminateRequested, 1);
            _ = StopSystemGuardianAfterProviderShutdown();
        }
        else if (ReferenceEquals(cell, _systemGuardian.Cell))
        {
            _root.Stop();
        }
        else if (ReferenceEquals(cell, _root.Cell))
        {
            FinishTermination();
        }
    }

    private async Task StopSystemGuardianAfterProviderShutdown()
    {
        try
        {
            await Provider.ShutdownAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Log.LogError(e, "Shutting down the actor ref provider failed");
        }

        _systemGuardian.Stop();
    }

    private void FinishTermination()
    {
        _scheduler.Dispose();
        Action[] callbacks;
        lock (_terminationCallbacks)
        {
            callbacks = [.. _terminationCallbacks];
            _terminationCallbacks.Clear();
            _callbacksTaken = true;
        }

        foreach (var callback in callbacks)
        {
            try
            {
                callback();
            }
            catch (Exception e)
            {
                Log.LogError(e, "A termination callback threw");
            }
        }

        Log.LogDebug("Actor system {System} terminated", Address);
        _ownedLoggerFactory?.Dispose();
        _terminated.TrySetResult();
    }

    internal SupervisorStrategy DefaultSupervisorStrategyFor(ActorCell cell) => SupervisorStrategy.DefaultStrategy;

    internal void PublishDeadLetter(DeadLetter deadLetter)
    {
        EventStream.Publish(deadLetter);
        if (IsTerminating && !Settings.LogDeadLettersDuringShutdown) return;
        if (Settings.LogDeadLetters <= 0 || Interlocked.Increment(ref _deadLettersLogged) > Settings.LogDeadLetters) return;
        Log.LogInformation(
            "Message {MessageType} from {Sender} to {Recipient} was not delivered{Reason}. Dead letter {Count} of at most {Limit} logged (actorbroker.log-dead-letters)",
            deadLetter.Message.GetType().Name, deadLetter.Sender.Path, deadLetter.Recipient.Path,
            deadLetter.Reason is null ? "" : $": {deadLetter.Reason}", _deadLettersLogged, Settings.LogDeadLetters);
    }

    /// <summary>Walks the actor tree; null when no actor lives at that path.</summary>
    internal IInternalActorRef? ResolveLocal(IReadOnlyList<string> elements)
    {
        if (elements.Count == 0) return _root;
        if (elements[0] == "temp") return elements.Count == 2 ? TempContainer.Get(elements[1]) : null;
        if (elements[0] == "deadLetters") return elements.Count == 1 ? DeadLetterRef : null;
        IInternalActorRef current = _root;
        foreach (var name in elements)
        {
            if (current is not LocalActorRef local) return null;
            var child = local.Cell.GetChildRef(name);
            if (child is null) return null;
            current = child;
        }

        return current;
    }

    internal LocalActorRef Root => _root;

    private ActorRefProvider CreateProvider()
    {
        if (Settings.Provider is "local" or "") return new LocalActorRefProvider(this);
        var typeName = Settings.Provider switch
        {
            "remote" => "ActorBroker.Remote.RemoteActorRefProvider, ActorBroker.Remote",
            "cluster" => "ActorBroker.Cluster.ClusterActorRefProvider, ActorBroker.Cluster",
            var name => name,
        };
        var type = Type.GetType(typeName, throwOnError: false)
            ?? throw new ConfigException("actorbroker.actor.provider", $"actorbroker.actor.provider: type '{typeName}' was not found; is its assembly referenced?");
        if (!typeof(ActorRefProvider).IsAssignableFrom(type))
            throw new ConfigException("actorbroker.actor.provider", $"actorbroker.actor.provider: '{type.FullName}' is not an ActorRefProvider");
        try
        {
            return (ActorRefProvider)Activator.CreateInstance(type, this)!;
        }
        catch (System.Reflection.TargetInvocationException e) when (e.InnerException is not null)
        {
            // Surface the provider's own error (bad remote config, port in use) rather than the reflection wrapper.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }
}
