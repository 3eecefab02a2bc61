namespace ActorBroker.Actors;

/// <summary>
/// An actor that declares typed handlers: <c>Receive&lt;Produce&gt;(p => ...)</c>. Handlers are tried in
/// declaration order; the first match handles the message. <c>Become</c> swaps the whole set.
/// </summary>
public abstract class ReceiveActor : ActorBase
{
    private readonly Stack<Handlers> _behaviours = new();
    private Handlers _building;

    protected ReceiveActor()
    {
        _building = new Handlers();
        _behaviours.Push(_building);
    }

    protected internal sealed override bool Receive(object message) => _behaviours.Peek().TryHandle(message);

    protected void Receive<T>(Action<T> handler) => _building.Add(new SyncHandler<T>(null, handler));

    protected void Receive<T>(Predicate<T> shouldHandle, Action<T> handler) =>
        _building.Add(new SyncHandler<T>(shouldHandle, handler));

    /// <summary>
    /// An async handler: no other user message is processed until the returned task completes, and
    /// code after each <c>await</c> runs inside the actor (Self, Sender and Context stay valid).
    /// </summary>
    protected void ReceiveAsync<T>(Func<T, Task> handler, Predicate<T>? shouldHandle = null) =>
        _building.Add(new AsyncHandler<T>(shouldHandle, handler, this));

    /// <summary>Handles every message not matched by an earlier handler.</summary>
    protected void ReceiveAny(Action<object> handler) => _building.Add(new SyncHandler<object>(null, handler));

    protected void ReceiveAnyAsync(Func<object, Task> handler) => _building.Add(new AsyncHandler<object>(null, handler, this));

    /// <summary>Replaces the current behaviour with the handlers that <paramref name="configure"/> declares.</summary>
    protected void Become(Action configure)
    {
        var next = Build(configure);
        _behaviours.Pop();
        _behaviours.Push(next);
    }

    /// <summary>Pushes a behaviour; <see cref="UnbecomeStacked"/> returns to the previous one.</summary>
    protected void BecomeStacked(Action configure) => _behaviours.Push(Build(configure));

    protected void UnbecomeStacked()
    {
        if (_behaviours.Count > 1) _behaviours.Pop();
    }

    private Handlers Build(Action configure)
    {
        var previous = _building;
        _building = new Handlers();
        try
        {
            configure();
            return _building;
        }
        finally
        {
            _building = previous;
        }
    }

    internal void RunAsyncHandler(Func<Task> start) => ActorCell.Of(this).RunAsyncHandler(start);

    private sealed class Handlers
    {
        private readonly List<IHandler> _handlers = [];

        public void Add(IHandler handler) => _handlers.Add(handler);

        public bool TryHandle(object message)
        {
            // A plain loop: message type tests are cheap and handler lists are short.
            foreach (var handler in _handlers)
            {
                if (handler.TryHandle(message)) return true;
            }

            return false;
        }
    }

    private interface IHandler
    {
        bool TryHandle(object message);
    }

    private sealed class SyncHandler<T>(Predicate<T>? shouldHandle, Action<T> handler) : IHandler
    {
        public bool TryHandle(object message)
        {
            if (message is not T typed || (shouldHandle is not null && !shouldHandle(typed))) return false;
            handler(typed);
            return true;
        }
    }

    private sealed class AsyncHandler<T>(Predicate<T>? shouldHandle, Func<T, Task> handler, ReceiveActor owner) : IHandler
    {
        public bool TryHandle(object message)
        {
            if (message is not T typed || (shouldHandle is not null && !shouldHandle(typed))) return false;
            owner.RunAsyncHandler(() => handler(typed));
            return true;
        }
    }
}
