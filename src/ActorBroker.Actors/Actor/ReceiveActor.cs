namespace ActorBroker.Actors;

/// <summary>
/// An actor that declares typed handlers: <c>Receive&lt;Produce&gt;(p => ...)</c>. Handlers are tried in
/// declaration order; the first match handles the message. <c>Become</c> swaps the whole set.
/// </summary>
public abstract class ReceiveActor : ActorBase
{
    private readonly BehaviorStack _behaviors = new();

    protected sealed override bool Receive(object message) => _behaviors.TryHandle(message);

    protected void Receive<T>(Action<T> handler) => _behaviors.Add(null, handler);

    protected void Receive<T>(Predicate<T> shouldHandle, Action<T> handler) => _behaviors.Add(shouldHandle, handler);

    /// <summary>
    /// An async handler: no other user message is processed until the returned task completes, and
    /// code after each <c>await</c> runs inside the actor (Self, Sender and Context stay valid).
    /// </summary>
    protected void ReceiveAsync<T>(Func<T, Task> handler, Predicate<T>? shouldHandle = null) =>
        _behaviors.Add<T>(shouldHandle, message => Cell.RunAsyncHandler(() => handler(message)));

    /// <summary>Handles every message not matched by an earlier handler.</summary>
    protected void ReceiveAny(Action<object> handler) => _behaviors.AddAny(handler);

    protected void ReceiveAnyAsync(Func<object, Task> handler) =>
        _behaviors.AddAny(message => Cell.RunAsyncHandler(() => handler(message)));

    /// <summary>Replaces the current behaviour with the handlers that <paramref name="configure"/> declares.</summary>
    protected void Become(Action configure) => _behaviors.Become(configure);

    /// <summary>Pushes a behaviour; <see cref="UnbecomeStacked"/> returns to the previous one.</summary>
    protected void BecomeStacked(Action configure) => _behaviors.BecomeStacked(configure);

    protected void UnbecomeStacked() => _behaviors.UnbecomeStacked();
}
