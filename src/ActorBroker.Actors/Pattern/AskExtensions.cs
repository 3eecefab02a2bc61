namespace ActorBroker.Actors;

/// <summary>Request/response from outside an actor: send a message and await one reply.</summary>
public static class AskExtensions
{
    /// <summary>
    /// Sends <paramref name="message"/> with a temporary ref as sender and completes with the first reply.
    /// A <see cref="Status.Failure"/> reply fails the task with its cause; no reply within the timeout
    /// (the system's <c>actorbroker.actor.ask-timeout</c> when none is given) fails it with <see cref="AskTimeoutException"/>.
    /// </summary>
    public static async Task<T> Ask<T>(this IActorRef receiver, object message, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var reply = await receiver.Ask(message, timeout, cancellationToken).ConfigureAwait(false);
        return reply switch
        {
            T typed => typed,
            _ => throw new InvalidCastException(
                $"Ask of {message.GetType().Name} to {receiver.Path} expected a reply of type {typeof(T).Name} but got {reply?.GetType().Name ?? "null"}"),
        };
    }

    public static Task<object> Ask(this IActorRef receiver, object message, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var system = (receiver as IInternalActorRef)?.System as ActorSystemImpl;
        if (system is null)
            throw new AskTimeoutException($"Ask of {message.GetType().Name} to {receiver.Path}: the recipient belongs to no actor system and will never reply");
        return AskVia(system, receiver.Path.ToString(), message, promise => receiver.Tell(message, promise), timeout, cancellationToken);
    }

    /// <summary>The ask machinery for any target that can be sent to with a sender, such as a remote actor selection.</summary>
    internal static async Task<object> AskVia(
        ActorSystemImpl system, string target, object message, Action<IActorRef> send, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var effectiveTimeout = timeout ?? system.Settings.AskTimeout;
        if (effectiveTimeout <= TimeSpan.Zero && effectiveTimeout != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(timeout), effectiveTimeout, "An ask timeout must be positive");

        var promise = new PromiseActorRef(system, system.TempContainer.NextPath());
        system.TempContainer.Add(promise);
        using var timer = effectiveTimeout == Timeout.InfiniteTimeSpan ? null : new CancellationTokenSource(effectiveTimeout);
        using var onTimeout = timer is null ? default : timer.Token.Register(static s =>
        {
            var (p, r, m, t) = ((PromiseActorRef, string, object, TimeSpan))s!;
            p.Fail(new AskTimeoutException($"Ask timed out on {r} after {t.TotalMilliseconds:0} ms; message of type {m.GetType().Name} got no reply"));
        }, (promise, target, message, effectiveTimeout));
        using var onCancel = cancellationToken.Register(static s => ((PromiseActorRef)s!).Fail(new TaskCanceledException("The ask was cancelled")), promise);

        send(promise);
        var reply = await promise.Task.ConfigureAwait(false);
        return reply is Status.Failure failure ? throw failure.Cause : reply;
    }
}
