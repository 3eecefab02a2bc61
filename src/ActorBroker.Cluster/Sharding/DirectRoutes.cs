using System.Collections.Concurrent;
using ActorBroker.Actors;

namespace ActorBroker.Cluster.Sharding;

/// <summary>
/// The steady-state routes of a forwarding actor (a shard region by shard, a shard by entity), used on the sender's
/// thread: a message whose key has a route goes straight to its target and skips the actor's mailbox; any other is
/// queued to the actor, wrapped in <see cref="Queued"/>, and the actor routes it as before. The actor alone sets
/// routes, and only where it would itself forward without buffering, so a direct send is the send the actor would
/// have made.
/// </summary>
/// <remarks>
/// Two counters keep that exact:
/// <list type="bullet">
/// <item><c>_queued</c>: wrapped messages the actor has not yet routed. While there are any, nothing goes direct, so
/// no message overtakes one the same sender queued earlier.</item>
/// <item><c>_sending</c>: direct sends in progress. When <see cref="Set"/> replaces a route or <see cref="Remove"/>
/// drops one, it waits for them to finish, so once the actor changed a route (e.g. stopped routing a shard that is
/// handed off), no direct send to the old target is still on its way: what the actor does next comes after all of
/// them.</item>
/// </list>
/// </remarks>
internal sealed class DirectRoutes : ITellInterceptor
{
    private readonly ConcurrentDictionary<string, IActorRef> _targets = new(StringComparer.Ordinal);
    private readonly Func<object, bool> _isOwnMessage;
    private readonly Func<object, string?> _keyOf;
    private readonly Func<object, object> _forwarded;
    // A type that the last check found not to be the actor's own: spares the type tests for a steady stream.
    private Type? _lastForwardableType;
    private int _sending;
    private int _queued;

    /// <param name="isOwnMessage">The actor's own protocol messages, by type only; they always go to its mailbox, as do those the cell handles.</param>
    /// <param name="keyOf">The routing key of a message, null when it has none (the actor reports that).</param>
    /// <param name="forwarded">What goes to the target (e.g. the entity's message out of an envelope).</param>
    public DirectRoutes(Func<object, bool> isOwnMessage, Func<object, string?> keyOf, Func<object, object> forwarded)
    {
        _isOwnMessage = isOwnMessage;
        _keyOf = keyOf;
        _forwarded = forwarded;
    }

    /// <summary>What the actor finds in its mailbox for a message that did not go direct; it routes it, then calls <see cref="Routed"/>.</summary>
    public sealed record Queued(DirectRoutes Routes, object Message)
    {
        public void Routed() => Interlocked.Decrement(ref Routes._queued);

        /// <summary>Routes the message with the actor's own <paramref name="deliver"/>, then counts it out, even if that throws.</summary>
        public void RouteWith(Action<object, IActorRef> deliver, IActorRef sender)
        {
            try
            {
                deliver(Message, sender);
            }
            finally
            {
                Routed();
            }
        }
    }

    public bool TryTell(object message, IActorRef? sender, LocalActorRef self)
    {
        var type = message.GetType();
        if (!ReferenceEquals(type, Volatile.Read(ref _lastForwardableType)))
        {
            if (ActorCell.IsHandledByCell(message) || _isOwnMessage(message)) return false;
            Volatile.Write(ref _lastForwardableType, type);
        }

        if (TryDirect(message, sender)) return true;
        Interlocked.Increment(ref _queued);
        self.PostToMailbox(new Queued(this, message), sender);
        return true;
    }

    /// <summary>Makes Tells to <paramref name="self"/> (the actor's own ref) go through these routes; from the actor's PreStart.</summary>
    public void InstallOn(IActorRef self) => (self as LocalActorRef)?.SetInterceptor(this);

    /// <summary>Undoes <see cref="InstallOn"/> and stops all direct routing; from the actor's PostStop.</summary>
    public void UninstallFrom(IActorRef self)
    {
        (self as LocalActorRef)?.SetInterceptor(null);
        Clear();
    }

    /// <summary>Routes <paramref name="key"/> to <paramref name="target"/> from now on (called by the actor).</summary>
    public void Set(string key, IActorRef target)
    {
        var replaced = _targets.TryGetValue(key, out var current);
        if (replaced && ReferenceEquals(current, target)) return;
        _targets[key] = target;
        // A new route needs no wait: nobody sent through it yet.
        if (replaced) AwaitDirectSends();
    }

    /// <summary>Stops routing <paramref name="key"/> directly (called by the actor); returns once no direct send to it is in progress.</summary>
    public void Remove(string key)
    {
        if (_targets.TryRemove(key, out _)) AwaitDirectSends();
    }

    /// <summary>Stops all direct routing, e.g. when the actor stops.</summary>
    public void Clear()
    {
        if (_targets.IsEmpty) return;
        _targets.Clear();
        AwaitDirectSends();
    }

    public IEnumerable<string> Keys => _targets.Keys;

    private bool TryDirect(object message, IActorRef? sender)
    {
        Interlocked.Increment(ref _sending);
        try
        {
            if (Volatile.Read(ref _queued) != 0) return false;
            // Whatever throws here (a user's extractor) is left to the actor, which reports it as it always has.
            IActorRef? target;
            object? forwarded;
            try
            {
                if (_keyOf(message) is not { } key || !_targets.TryGetValue(key, out target)) return false;
                forwarded = _forwarded(message);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                return false;
            }

            if (forwarded is null) return false;
            target.Tell(forwarded, sender);
            return true;
        }
        finally
        {
            Interlocked.Decrement(ref _sending);
        }
    }

    private void AwaitDirectSends()
    {
        // The route change must be visible before we look at the senders: they announce, then look at the routes.
        Interlocked.MemoryBarrier();
        var spin = new SpinWait();
        while (Volatile.Read(ref _sending) != 0) spin.SpinOnce();
    }
}
