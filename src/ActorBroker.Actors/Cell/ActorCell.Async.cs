namespace ActorBroker.Actors;

internal sealed partial class ActorCell
{
    private ActorSynchronizationContext? _syncContext;

    /// <summary>
    /// Starts an async handler. Until its task completes no user message is processed, and each
    /// continuation after an await runs as a system message of this actor, so actor state stays single-threaded.
    /// </summary>
    internal void RunAsyncHandler(Func<Task> start)
    {
        var envelope = _current!.Value;
        var task = RunWithActorContext(start);
        if (task.IsCompleted)
        {
            task.GetAwaiter().GetResult(); // rethrows a synchronous failure into Invoke's handler
            return;
        }

        _asyncInFlight = true;
        task.ContinueWith(
            static (t, state) =>
            {
                var (cell, env) = ((ActorCell, Envelope))state!;
                cell.SelfRef.SendSystemMessage(new AsyncHandlerCompleted(t, env));
            },
            (this, envelope),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private Task RunWithActorContext(Func<Task> start)
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(_syncContext ??= new ActorSynchronizationContext(this));
        try
        {
            return start();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    internal void PostContinuation(SendOrPostCallback callback, object? state) =>
        SelfRef.SendSystemMessage(new RunContinuation(callback, state, _current ?? new Envelope(NoMessage.Instance, null)));

    private void RunContinuationInActor(RunContinuation continuation)
    {
        if (_actor is null || _terminating) return;
        _current = continuation.Envelope;
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(_syncContext);
        try
        {
            continuation.Callback(continuation.State);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    private void OnAsyncHandlerCompleted(AsyncHandlerCompleted completed)
    {
        if (!_asyncInFlight) return; // the actor restarted or stopped meanwhile
        _asyncInFlight = false;
        _current = null;
        if (completed.Task.IsFaulted || completed.Task.IsCanceled)
        {
            _current = completed.Envelope;
            var cause = completed.Task.Exception?.InnerException ?? new TaskCanceledException(completed.Task);
            HandleInvokeFailure(cause);
        }
    }

    /// <summary>Routes awaits inside an actor's async handler back into the actor's mailbox.</summary>
    private sealed class ActorSynchronizationContext(ActorCell cell) : SynchronizationContext
    {
        public override void Post(SendOrPostCallback d, object? state) => cell.PostContinuation(d, state);

        public override void Send(SendOrPostCallback d, object? state) =>
            throw new NotSupportedException("Synchronous Send is not supported inside an actor");

        public override SynchronizationContext CreateCopy() => this;
    }
}

/// <summary>Stands in for the current message where an async continuation has none.</summary>
internal sealed class NoMessage
{
    public static readonly NoMessage Instance = new();
}
