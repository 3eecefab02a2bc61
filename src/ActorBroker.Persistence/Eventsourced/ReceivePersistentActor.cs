using ActorBroker.Actors;

namespace ActorBroker.Persistence;

/// <summary>
/// An event-sourced actor with typed handlers, modelled on Akka's <c>ReceivePersistentActor</c>:
/// <c>Recover&lt;T&gt;</c> rebuilds state from events, <c>Command&lt;T&gt;</c> handles commands and
/// calls <c>Persist</c>. <c>Become</c> swaps the command handlers.
/// </summary>
public abstract class ReceivePersistentActor : Eventsourced
{
    private readonly BehaviorStack _recover = new();
    private readonly BehaviorStack _commands = new();

    protected sealed override bool ReceiveRecover(object message) => _recover.TryHandle(message);

    protected sealed override bool ReceiveCommand(object message) => _commands.TryHandle(message);

    protected void Recover<T>(Action<T> handler) => _recover.Add(null, handler);

    protected void Recover<T>(Predicate<T> shouldHandle, Action<T> handler) => _recover.Add(shouldHandle, handler);

    protected void Command<T>(Action<T> handler) => _commands.Add(null, handler);

    protected void Command<T>(Predicate<T> shouldHandle, Action<T> handler) => _commands.Add(shouldHandle, handler);

    protected void CommandAny(Action<object> handler) => _commands.AddAny(handler);

    /// <summary>Replaces the command handlers with those <paramref name="configure"/> declares.</summary>
    protected void Become(Action configure) => _commands.Become(configure);

    protected void BecomeStacked(Action configure) => _commands.BecomeStacked(configure);

    protected void UnbecomeStacked() => _commands.UnbecomeStacked();
}
