namespace ActorBroker.TestKit;

/// <summary>
/// Gives the thread pool room for blocking test code. Expect and Await block a pool thread while the
/// system under test needs pool threads for its actors and sockets; xunit runs test classes in
/// parallel, and on a 2-core machine the pool starts with two threads and adds more only about twice
/// a second once they are all blocked. A remote handshake could then outlast its connection timeout.
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
