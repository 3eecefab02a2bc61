namespace ActorBroker.Actors;

internal sealed partial class ActorCell
{
    private readonly HashSet<IActorRef> _watching = [];
    private readonly HashSet<IInternalActorRef> _watchedBy = [];
    // Terminated messages sent to self and not yet processed; Unwatch removes them so they are dropped.
    private readonly HashSet<IActorRef> _terminatedQueued = [];

    public IActorRef Watch(IActorRef subject)
    {
        if (subject is IInternalActorRef target && !subject.Equals(Self) && _watching.Add(subject))
            target.SendSystemMessage(new Watch(target, SelfRef));
        return subject;
    }

    public IActorRef Unwatch(IActorRef subject)
    {
        _terminatedQueued.Remove(subject);
        if (subject is IInternalActorRef target && _watching.Remove(subject))
            target.SendSystemMessage(new Unwatch(target, SelfRef));
        return subject;
    }

    private void AddWatcher(Watch watch)
    {
        if (!watch.Watchee.Equals(Self) || watch.Watcher.Equals(Self)) return;
        if (_terminating && _actor is null)
        {
            watch.Watcher.SendSystemMessage(new DeathWatchNotification(Self, ExistenceConfirmed: true, AddressTerminated: false));
            return;
        }

        _watchedBy.Add(watch.Watcher);
    }

    private void RemoveWatcher(Unwatch unwatch)
    {
        if (unwatch.Watchee.Equals(Self)) _watchedBy.Remove(unwatch.Watcher);
    }

    private void OnDeathWatchNotification(DeathWatchNotification notification)
    {
        var wasChild = RemoveChild(notification.Actor);
        var watched = FindWatched(notification.Actor);
        if (watched is not null && _watching.Remove(watched) && !_terminating)
        {
            _terminatedQueued.Add(watched);
            // Terminated travels as a user message, so it is ordered after what the dead actor sent before dying.
            SelfRef.Tell(new Terminated(watched, notification.ExistenceConfirmed, notification.AddressTerminated), watched);
        }

        if (wasChild && !HasChildren) OnLastChildGone();
    }

    /// <summary>
    /// The ref this actor watches for <paramref name="actor"/>. A ref built from a path without a uid (e.g. a remote
    /// path from configuration) matches the notification of the incarnation it named, which carries the uid.
    /// </summary>
    private IActorRef? FindWatched(IActorRef actor)
    {
        if (_watching.Contains(actor)) return actor;
        foreach (var candidate in _watching)
        {
            if ((candidate.Path.Uid == 0 || actor.Path.Uid == 0) && candidate.Path.Equals(actor.Path)) return candidate;
        }

        return null;
    }

    /// <summary>False for a Terminated whose subject was unwatched after it was queued: such a message is dropped.</summary>
    private bool AcceptTerminated(Terminated terminated) => _terminatedQueued.Remove(terminated.ActorRef);

    /// <summary>Tells watchers and the parent that this actor is gone.</summary>
    private void NotifyWatchersAndParent()
    {
        var notification = new DeathWatchNotification(Self, ExistenceConfirmed: true, AddressTerminated: false);
        foreach (var watcher in _watchedBy)
        {
            if (!watcher.Equals(ParentRef)) watcher.SendSystemMessage(notification);
        }

        _watchedBy.Clear();
        ParentRef.SendSystemMessage(notification);
        foreach (var watchee in _watching)
        {
            if (watchee is IInternalActorRef w) w.SendSystemMessage(new Unwatch(w, SelfRef));
        }

        _watching.Clear();
    }

    /// <summary>A system message that reached this actor after it stopped: a watch is answered at once.</summary>
    internal void OnSystemMessageAfterTermination(ISystemMessage message)
    {
        if (message is Watch watch && watch.Watchee.Equals(Self))
            watch.Watcher.SendSystemMessage(new DeathWatchNotification(Self, ExistenceConfirmed: true, AddressTerminated: false));
    }
}
