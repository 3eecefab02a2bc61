using ActorBroker.Benchmarks.Persistence;
using BenchmarkDotNet.Running;

namespace ActorBroker.Benchmarks;

/// <summary>
/// Runs the benchmarks selected on the command line, e.g. <c>--filter *Tell*</c>, or, with
/// <c>--persistence</c>, the timed persistence throughput harness (see <see cref="PersistenceHarness"/>).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "--persistence")
        {
            return PersistenceHarness.RunAsync(args[1..]).GetAwaiter().GetResult();
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
