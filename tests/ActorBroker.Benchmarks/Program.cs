using ActorBroker.Benchmarks.Journal;
using ActorBroker.Benchmarks.Persistence;
using ActorBroker.Benchmarks.Remote;
using ActorBroker.Benchmarks.Sharding;
using BenchmarkDotNet.Running;

namespace ActorBroker.Benchmarks;

/// <summary>
/// Runs the benchmarks selected on the command line, e.g. <c>--filter *Tell*</c>, or, with
/// <c>--persistence</c>, the timed persistence throughput harness (see <see cref="PersistenceHarness"/>), or, with
/// <c>--remote</c>, the remote throughput harness (see <see cref="RemoteHarness"/>), or, with
/// <c>--sharding</c>, shard-region throughput next to direct remote tells (see <see cref="ShardingHarness"/>), or, with
/// <c>--journal</c>, Akka.Persistence journals on SQLite compared (see <see cref="JournalHarness"/>).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "--persistence")
        {
            return PersistenceHarness.RunAsync(args[1..]).GetAwaiter().GetResult();
        }

        if (args.Length > 0 && args[0] == "--journal")
        {
            return JournalHarness.RunAsync(args[1..]).GetAwaiter().GetResult();
        }

        if (args.Length > 0 && args[0] == "--remote")
        {
            return RemoteHarness.RunAsync(args[1..]).GetAwaiter().GetResult();
        }

        if (args.Length > 0 && args[0] == "--sharding")
        {
            return ShardingHarness.RunAsync(args[1..]).GetAwaiter().GetResult();
        }

        if (args.Length > 0 && args[0] == "--shard-host")
        {
            return ShardHostNode.RunAsync(args[1..]).GetAwaiter().GetResult();
        }

        // Hidden: the harness starts this executable again as its receiver process.
        if (args.Length > 0 && args[0] is "--remote-receiver" or "--raw-receiver")
        {
            return ReceiverNode.RunAsync(args[0], args[1..]).GetAwaiter().GetResult();
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
