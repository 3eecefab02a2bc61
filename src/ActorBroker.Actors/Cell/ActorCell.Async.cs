namespace ActorBroker.Actors;

internal sealed partial class ActorCell
{
    // Bumped by every async handler and every restart: continuations of an older incarnation are dropped.
    private int _asyncGeneration;

    /// <summary>
    /// Starts an async handler. Until its task completes no user message is processed, and each
    /// continuation after an await runs as a system message of this actor, so actor state stays single-threaded.
    /// </summary>
    internal void RunAsyncHandler(Func<Task> start)
    {
        var context = new ActorSynchronizationContext(this, _current!.Value, ++_asyncGeneration);
        var task = RunWithContext(context, start);
        if (task.IsCompleted)
        {
            task.GetAwaiter().GetResult(); // rethrows a synchronous failure into Invoke's handler
            return;
        }

        _asyncInFlight = true;
        task.ContinueWith(
            static (t, state) =>
            {
                var ctx = (ActorSynchronizationContext)state!;
                ctx.Cell.SelfRef.SendSystemMessage(new AsyncHandlerCompleted(t, ctx.Envelope, ctx.Generation));
            },
            context,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private static Task RunWithContext(ActorSynchronizationContext context, Func<Task> run)
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(context);
        try
        {
            return run();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    private void RunContinuationInActor(RunContinuation continuation)
    {
        var context = continuation.Context;
        if (_actor is null || _terminating || context.Generation != _asyncGeneration) return;
        _current = context.Envelope;
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(context);
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
        if (!_asyncInFlight || completed.Generation != _asyncGeneration) return; // restarted or stopped meanwhile
        _asyncInFlight = false;
        _current = null;
        if (completed.Task.IsFaulted || completed.Task.IsCanceled)
        {
            _current = completed.Envelope;
            var cause = completed.Task.Exception?.InnerException ?? new TaskCanceledException(completed.Task);
            HandleInvokeFailure(cause);
        }
    }

    /// <summary>Forgets async handlers of the old incarnation on restart.</summary>
    private void AbandonAsyncHandler()
    {
        _asyncInFlight = false;
        _asyncGeneration++;
    }

    /// <summary>Routes awaits inside one async handler back into the actor's mailbox, with that handler's message.</summary>
    internal sealed class ActorSynchronizationContext(ActorCell cell, Envelope envelope, int generation) : SynchronizationContext
    {
        public ActorCell Cell { get; } = cell;

        public Envelope Envelope { get; } = envelope;

        public int Generation { get; } = generation;

        public override void Post(SendOrPostCallback d, object? state) =>
            Cell.SelfRef.SendSystemMessage(new RunContinuation(d, state, this));

        public override void Send(SendOrPostCallback d, object? state) =>
            throw new NotSupportedException("Synchronous Send is not supported inside an actor");

        public override SynchronizationContext CreateCopy() => this;
    }
}
