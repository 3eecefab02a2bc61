using ActorBroker.Benchmarks.Journal;
using BenchmarkDotNet.Running;

namespace ActorBroker.Benchmarks;

/// <summary>
/// Runs the BenchmarkDotNet benchmarks selected on the command line, e.g. <c>--filter *Codec*</c>, or, with
/// <c>--journal</c>, Akka.Persistence journals on SQLite compared (see <see cref="JournalHarness"/>), or, with
/// <c>--kafka-produce</c> / <c>--kafka-consume</c>, Confluent.Kafka's producer or consumer through the Kafka doors. The broker's own
/// throughput and latency are measured with <c>actorbroker perf</c> (docs/benchmarks.md).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "--kafka-produce") return Kafka.KafkaProducePerf.Run(args[1..]);
        if (args.Length > 0 && args[0] == "--kafka-consume") return Kafka.KafkaConsumePerf.Run(args[1..]);

        if (args.Length > 0 && args[0] == "--journal")
        {
            return JournalHarness.RunAsync(args[1..]).GetAwaiter().GetResult();
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
