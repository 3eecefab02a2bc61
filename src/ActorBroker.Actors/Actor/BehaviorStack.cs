namespace ActorBroker.Actors;

/// <summary>
/// Typed handlers grouped into behaviours, with Become / BecomeStacked / UnbecomeStacked. Shared by
/// <see cref="ReceiveActor"/> and the persistent actors' command handlers.
/// </summary>
internal sealed class BehaviorStack
{
    private readonly Stack<List<Func<object, bool>>> _behaviours = new();
    private List<Func<object, bool>> _building = [];

    public BehaviorStack() => _behaviours.Push(_building);

    /// <summary>Adds a handler to the behaviour being declared: the constructor's, or the one inside a Become.</summary>
    public void Add<T>(Predicate<T>? shouldHandle, Action<T> handler) =>
        _building.Add(message =>
        {
            if (message is not T typed || (shouldHandle is not null && !shouldHandle(typed))) return false;
            handler(typed);
            return true;
        });

    /// <summary>
    /// Adds a handler for every message. Its own method because <c>message is T</c> with T = object, in code shared
    /// by all reference types, is a runtime type check per message that always succeeds.
    /// </summary>
    public void AddAny(Action<object> handler) =>
        _building.Add(message =>
        {
            handler(message);
            return true;
        });

    /// <summary>Tries the current behaviour's handlers in declaration order; false when none matched.</summary>
    public bool TryHandle(object message)
    {
        // A plain loop: type tests are cheap and handler lists are short.
        foreach (var handler in _behaviours.Peek())
        {
            if (handler(message)) return true;
        }

        return false;
    }

    public void Become(Action configure)
    {
        var next = Build(configure);
        _behaviours.Pop();
        _behaviours.Push(next);
    }

    public void BecomeStacked(Action configure) => _behaviours.Push(Build(configure));

    public void UnbecomeStacked()
    {
        if (_behaviours.Count > 1) _behaviours.Pop();
    }

    private List<Func<object, bool>> Build(Action configure)
    {
        var previous = _building;
        _building = [];
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
}
