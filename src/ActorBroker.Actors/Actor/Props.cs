namespace ActorBroker.Actors;

/// <summary>
/// A recipe for creating an actor: how to construct it, its supervisor strategy, mailbox and
/// dispatcher. Immutable; the factory runs again on every restart, giving a fresh instance.
/// </summary>
public sealed class Props
{
    private readonly Func<ActorBase> _factory;

    private Props(Type actorType, Func<ActorBase> factory)
    {
        ActorType = actorType;
        _factory = factory;
    }

    public Type ActorType { get; }

    /// <summary>The strategy this actor applies to its children; null means the system default.</summary>
    public SupervisorStrategy? SupervisorStrategy { get; private init; }

    /// <summary>Mailbox capacity; 0 takes the configured default (actorbroker.actor.default-mailbox).</summary>
    public int MailboxCapacity { get; private init; }

    /// <summary>Config path of the dispatcher, e.g. <c>actorbroker.actor.default-dispatcher</c>.</summary>
    public string? Dispatcher { get; private init; }

    /// <summary>Props for an actor with a public parameterless constructor.</summary>
    public static Props Create<TActor>() where TActor : ActorBase, new() => new(typeof(TActor), () => new TActor());

    /// <summary>Props whose factory is called for every (re)start, e.g. <c>Props.Create(() => new Worker(id))</c>.</summary>
    public static Props Create<TActor>(Func<TActor> factory) where TActor : ActorBase =>
        new(typeof(TActor), factory);

    /// <summary>Props that pass <paramref name="args"/> to the matching public constructor.</summary>
    public static Props Create<TActor>(params object?[] args) where TActor : ActorBase =>
        new(typeof(TActor), () => (TActor)Activator.CreateInstance(typeof(TActor), args)!);

    public Props WithSupervisorStrategy(SupervisorStrategy strategy) => Copy(p => p with { SupervisorStrategy = strategy });

    /// <summary>A mailbox that holds at most <paramref name="capacity"/> user messages; overflow goes to dead letters.</summary>
    public Props WithBoundedMailbox(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        return Copy(p => p with { MailboxCapacity = capacity });
    }

    public Props WithDispatcher(string dispatcherConfigPath) => Copy(p => p with { Dispatcher = dispatcherConfigPath });

    internal ActorBase NewActor() => _factory();

    private Props Copy(Func<Settings, Settings> change)
    {
        var s = change(new Settings(SupervisorStrategy, MailboxCapacity, Dispatcher));
        return new Props(ActorType, _factory)
        {
            SupervisorStrategy = s.SupervisorStrategy,
            MailboxCapacity = s.MailboxCapacity,
            Dispatcher = s.Dispatcher,
        };
    }

    private sealed record Settings(SupervisorStrategy? SupervisorStrategy, int MailboxCapacity, string? Dispatcher);

    public override string ToString() => $"Props({ActorType.Name})";
}
