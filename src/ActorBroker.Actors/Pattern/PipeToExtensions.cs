namespace ActorBroker.Actors;

/// <summary>Turns the outcome of a task into a message, the way actors consume async results safely.</summary>
public static class PipeToExtensions
{
    /// <summary>
    /// When <paramref name="task"/> completes, sends its result (or <paramref name="success"/>'s mapping of it)
    /// to <paramref name="recipient"/>; a failure is sent as <see cref="Status.Failure"/> (or <paramref name="failure"/>'s mapping).
    /// </summary>
    public static Task PipeTo<T>(this Task<T> task, IActorRef recipient, IActorRef? sender = null,
        Func<T, object>? success = null, Func<Exception, object>? failure = null) =>
        task.ContinueWith(t =>
        {
            if (t.IsCompletedSuccessfully) recipient.Tell(success is null ? t.Result! : success(t.Result), sender);
            else recipient.Tell(MapFailure(t, failure), sender);
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    /// <summary>Sends <paramref name="success"/>'s message (or <see cref="Status.Success"/>) when the task completes, or the failure.</summary>
    public static Task PipeTo(this Task task, IActorRef recipient, IActorRef? sender = null,
        Func<object>? success = null, Func<Exception, object>? failure = null) =>
        task.ContinueWith(t =>
        {
            if (t.IsCompletedSuccessfully) recipient.Tell(success?.Invoke() ?? new Status.Success(null), sender);
            else recipient.Tell(MapFailure(t, failure), sender);
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private static object MapFailure(Task task, Func<Exception, object>? failure)
    {
        Exception cause = task.IsCanceled
            ? new TaskCanceledException(task)
            : task.Exception!.InnerExceptions.Count == 1 ? task.Exception.InnerException! : task.Exception;
        return failure is null ? new Status.Failure(cause) : failure(cause);
    }
}
