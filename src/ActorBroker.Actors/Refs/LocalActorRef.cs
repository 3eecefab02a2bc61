namespace ActorBroker.Actors;

/// <summary>A ref to an actor in this process: Tell enqueues straight into its mailbox.</summary>
public sealed class LocalActorRef : ActorRefBase, IInternalActorRef
{
    private readonly Mailbox _mailbox;
    private ITellInterceptor? _interceptor;

    internal LocalActorRef(ActorSystemImpl system, ActorPath path, Props props, IInternalActorRef parent, Mailbox mailbox)
    {
        Path = path;
        _mailbox = mailbox;
        Cell = new ActorCell(system, this, props, parent, mailbox);
        var dispatcher = system.Dispatchers.Lookup(props.Dispatcher);
        mailbox.Attach(Cell, dispatcher);
    }

    internal ActorCell Cell { get; }

    public override ActorPath Path { get; }

    public bool IsTerminated => _mailbox.IsClosed;

    public bool IsLocal => true;

    public ActorSystem? System => Cell.System;

    public override void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (Volatile.Read(ref _interceptor) is { } interceptor && interceptor.TryTell(message, sender, this)) return;
        _mailbox.Post(message, sender);
    }

    /// <summary>Installs (or with null removes) the actor's <see cref="ITellInterceptor"/>.</summary>
    internal void SetInterceptor(ITellInterceptor? interceptor) => Volatile.Write(ref _interceptor, interceptor);

    /// <summary>Queues a message in the mailbox, past the interceptor: for the interceptor itself.</summary>
    internal void PostToMailbox(object message, IActorRef? sender) => _mailbox.Post(message, sender);

    public void SendSystemMessage(ISystemMessage message) => _mailbox.PostSystem(message);

    public void Stop() => SendSystemMessage(Terminate.Instance);

    internal void Start() => SendSystemMessage(Create.Instance);
}
