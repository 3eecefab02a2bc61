namespace ActorBroker.Persistence;

/// <summary>
/// An event-sourced actor with typed handlers, modelled on Akka's <c>ReceivePersistentActor</c>:
/// <c>Recover&lt;T&gt;</c> rebuilds state from events, <c>Command&lt;T&gt;</c> handles commands and
/// calls <c>Persist</c>. <c>Become</c> swaps the command handlers.
/// </summary>
public abstract class ReceivePersistentActor : Eventsourced
{
    private readonly HandlerList _recoverHandlers = new();
    private readonly Stack<HandlerList> _commandBehaviours = new();
    private HandlerList _buildingCommands;

    protected ReceivePersistentActor()
    {
        _buildingCommands = new HandlerList();
        _commandBehaviours.Push(_buildingCommands);
    }

    protected sealed override bool ReceiveRecover(object message) => _recoverHandlers.TryHandle(message);

    protected sealed override bool ReceiveCommand(object message) => _commandBehaviours.Peek().TryHandle(message);

    protected void Recover<T>(Action<T> handler) => _recoverHandlers.Add<T>(null, handler);

    protected void Recover<T>(Predicate<T> shouldHandle, Action<T> handler) => _recoverHandlers.Add(shouldHandle, handler);

    protected void Command<T>(Action<T> handler) => _buildingCommands.Add<T>(null, handler);

    protected void Command<T>(Predicate<T> shouldHandle, Action<T> handler) => _buildingCommands.Add(shouldHandle, handler);

    protected void CommandAny(Action<object> handler) => _buildingCommands.Add<object>(null, handler);

    /// <summary>Replaces the command handlers with those <paramref name="configure"/> declares.</summary>
    protected void Become(Action configure)
    {
        var next = Build(configure);
        _commandBehaviours.Pop();
        _commandBehaviours.Push(next);
    }

    protected void BecomeStacked(Action configure) => _commandBehaviours.Push(Build(configure));

    protected void UnbecomeStacked()
    {
        if (_commandBehaviours.Count > 1) _commandBehaviours.Pop();
    }

    private HandlerList Build(Action configure)
    {
        var previous = _buildingCommands;
        _buildingCommands = new HandlerList();
        try
        {
            configure();
            return _buildingCommands;
        }
        finally
        {
            _buildingCommands = previous;
        }
    }

    private sealed class HandlerList
    {
        private readonly List<Func<object, bool>> _handlers = [];

        public void Add<T>(Predicate<T>? shouldHandle, Action<T> handler) =>
            _handlers.Add(message =>
            {
                if (message is not T typed || (shouldHandle is not null && !shouldHandle(typed))) return false;
                handler(typed);
                return true;
            });

        public bool TryHandle(object message)
        {
            foreach (var handler in _handlers)
            {
                if (handler(message)) return true;
            }

            return false;
        }
    }
}
