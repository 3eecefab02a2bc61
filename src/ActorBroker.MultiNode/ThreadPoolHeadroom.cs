namespace ActorBroker.MultiNode;

/// <summary>
/// Gives the thread pool room for blocking test code. TestKit's Expect calls block a pool thread while the
/// nodes need pool threads for their actors and DotNetty's sockets; on a 2-core machine the pool starts with
/// two threads and adds more only about twice a second once all are blocked, which heartbeats would not survive.
/// </summary>
internal static class ThreadPoolHeadroom
{
    private const int MinimumWorkerThreads = 32;

    /// <summary>Raises the pool's minimum worker threads once per process; never lowers it.</summary>
    public static void Ensure()
    {
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        if (workers < MinimumWorkerThreads) ThreadPool.SetMinThreads(MinimumWorkerThreads, completionPorts);
    }
}
