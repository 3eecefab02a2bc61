namespace ActorBroker.Actors;

/// <summary>A short-lived ref that completes an Ask's task with the first message it receives.</summary>
internal sealed class PromiseActorRef : ActorRefBase, IInternalActorRef
{
    private readonly TaskCompletionSource<object> _promise = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ActorSystemImpl _system;
    private readonly HashSet<IInternalActorRef> _watchers = [];

    public PromiseActorRef(ActorSystemImpl system, ActorPath path)
    {
        _system = system;
        Path = path;
    }

    public override ActorPath Path { get; }

    public Task<object> Task => _promise.Task;

    public bool IsTerminated => _promise.Task.IsCompleted;

    public bool IsLocal => true;

    public ActorSystem? System => _system;

    public override void Tell(object message, IActorRef? sender)
    {
        if (!_promise.TrySetResult(message)) _system.DeadLetterRef.Tell(message, sender, this, "the ask already completed");
        else Complete();
    }

    public void Fail(Exception cause)
    {
        if (_promise.TrySetException(cause)) Complete();
    }

    public void SendSystemMessage(ISystemMessage message)
    {
        switch (message)
        {
            case Watch watch:
                lock (_watchers)
                {
                    if (!IsTerminated)
                    {
                        _watchers.Add(watch.Watcher);
                        return;
                    }
                }

                watch.Watcher.SendSystemMessage(new DeathWatchNotification(this, true, false));
                break;
            case Unwatch unwatch:
                lock (_watchers) _watchers.Remove(unwatch.Watcher);
                break;
        }
    }

    public void Stop() => Fail(new ActorException($"The ask at {Path} was stopped"));

    private void Complete()
    {
        _system.TempContainer.Remove(this);
        IInternalActorRef[] watchers;
        lock (_watchers)
        {
            watchers = [.. _watchers];
            _watchers.Clear();
        }

        foreach (var w in watchers) w.SendSystemMessage(new DeathWatchNotification(this, true, false));
    }
}
