using System.Diagnostics;
using System.Globalization;

namespace ActorBroker.Benchmarks.Journal;

/// <summary>
/// Events persisted per second through Akka.NET persistent actors on two Akka.Persistence journals over SQLite:
/// ActorBroker.Journal and Akka.Persistence.Sql (see <see cref="JournalVariant"/>). Each run is a fresh ActorSystem
/// on a fresh database file, N actors (<c>partition-0..N-1</c>) each persisting a fixed number of byte[] events; the
/// clock runs from the first Start to the last actor's last handler. A timed harness, like <c>--persistence</c>.
/// </summary>
/// <remarks>
/// Usage: <c>--journal [--journals ab-normal,ab-full,sql-normal,sql-full,sql-default] [--cases large-async,large-persist,small-async]
/// [--repeat 3] [--scale 1.0] [--actors 12] [--nodes 1] [--window 100] [--sql-batch-size 400] [--sql-parallelism 1]</c>.
/// With <c>--nodes 3</c>, three ActorSystems, each with its own database file and actors, write at once in this process,
/// like three broker nodes sharing one machine; MB/s is then their sum. "MB per CPU-second" is the process's CPU time
/// (all threads, SQLite included) over the timed part, the figure that says how many nodes fit on the cores.
/// </remarks>
internal static class JournalHarness
{
    private sealed record Case(string Name, int EventSize, bool Pipelined, int EventsPerActor)
    {
        public string Label => $"{(EventSize >= 1024 ? $"{EventSize / 1024} KiB" : $"{EventSize} B")}, {(Pipelined ? "PersistAsync" : "Persist")}";
    }

    private sealed record Result(double EventsPerSecond, double MegabytesPerSecond, double MegabytesPerCpuSecond, double EventsPerTransaction);

    public static async Task<int> RunAsync(string[] args)
    {
        var journals = Option(args, "--journals", "ab-normal,ab-full,sql-normal,sql-full,sql-default").Split(',', StringSplitOptions.RemoveEmptyEntries);
        var caseNames = Option(args, "--cases", "large-async,large-persist,small-async").Split(',', StringSplitOptions.RemoveEmptyEntries);
        var repeat = int.Parse(Option(args, "--repeat", "3"), CultureInfo.InvariantCulture);
        var scale = double.Parse(Option(args, "--scale", "1"), CultureInfo.InvariantCulture);
        var actors = int.Parse(Option(args, "--actors", "12"), CultureInfo.InvariantCulture);
        var nodes = int.Parse(Option(args, "--nodes", "1"), CultureInfo.InvariantCulture);
        var window = int.Parse(Option(args, "--window", "100"), CultureInfo.InvariantCulture);
        var sqlBatchSize = int.Parse(Option(args, "--sql-batch-size", "400"), CultureInfo.InvariantCulture);
        var sqlParallelism = int.Parse(Option(args, "--sql-parallelism", "1"), CultureInfo.InvariantCulture);
        JournalVariant Variant(string name, string directory) =>
            JournalVariant.All(directory, sqlBatchSize, sqlParallelism).SingleOrDefault(v => v.Name == name)
            ?? throw new ArgumentException($"unknown journal '{name}' ({string.Join(", ", JournalVariant.All("", 1, 1).Select(v => v.Name))})");
        int Scaled(int n) => Math.Max(1, (int)(n * scale));

        // Event counts keep each run to a few seconds on the slowest journal.
        Case[] all =
        [
            new("large-async", 16 * 1024, true, Scaled(3_000)),
            new("large-persist", 16 * 1024, false, Scaled(1_000)),
            new("small-async", 100, true, Scaled(10_000)),
        ];
        var cases = caseNames.Select(n => all.SingleOrDefault(c => c.Name == n)
            ?? throw new ArgumentException($"unknown case '{n}' ({string.Join(", ", all.Select(c => c.Name))})")).ToList();

        Console.WriteLine($"journal throughput: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {nodes} node(s) x {actors} actors, window {window} (PersistAsync), {repeat} runs each, load average {LoadAverage()}");
        foreach (var journal in journals)
        {
            // Warm-up (JIT, provider start-up); not reported.
            await RunOnceAsync(dir => Variant(journal, dir), new Case("warm-up", 100, true, 50), actors, window, 1).ConfigureAwait(false);
        }

        // Runs of different journals alternate, so that load from other processes falls on all of them alike.
        var results = new Dictionary<(string Journal, string Case), List<Result>>();
        foreach (var c in cases)
        {
            for (var i = 0; i < repeat; i++)
            {
                foreach (var journal in journals)
                {
                    var result = await RunOnceAsync(dir => Variant(journal, dir), c, actors, window, nodes).ConfigureAwait(false);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{journal} {c.Name} run {i + 1}: {result.MegabytesPerSecond:N1} MB/s, load average {LoadAverage()}"));
                    (results.TryGetValue((journal, c.Name), out var list) ? list : results[(journal, c.Name)] = []).Add(result);
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine("| journal | case | events | events/s (median) | MB/s (median) | MB/s (each run) | MB per CPU-second | events/transaction |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (var journal in journals)
        {
            var variant = Variant(journal, "");
            foreach (var c in cases)
            {
                var runs = results[(journal, c.Name)];
                var each = string.Join(" / ", runs.Select(r => r.MegabytesPerSecond.ToString("N1", CultureInfo.InvariantCulture)));
                var median = runs.OrderBy(r => r.EventsPerSecond).ElementAt(runs.Count / 2);
                var perTransaction = variant.IsOurs ? median.EventsPerTransaction.ToString("N0", CultureInfo.InvariantCulture) : "–";
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {variant.Description} | {c.Label} | {(long)nodes * actors * c.EventsPerActor:N0} | {median.EventsPerSecond:N0} | {median.MegabytesPerSecond:N1} | {each} | {median.MegabytesPerCpuSecond:N0} | {perTransaction} |"));
            }
        }

        return 0;
    }

    private static async Task<Result> RunOnceAsync(Func<string, JournalVariant> variantIn, Case c, int actorCount, int window, int nodeCount)
    {
        var nodes = new List<BenchNode>();
        try
        {
            for (var i = 0; i < nodeCount; i++)
            {
                nodes.Add(await BenchNode.StartAsync(variantIn, actorCount, c.EventSize).ConfigureAwait(false));
            }

            var transactionsBefore = await TransactionsAsync(nodes).ConfigureAwait(false);
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var startedAt = Stopwatch.GetTimestamp();
            var start = new EventWriterActor.Start(c.EventsPerActor, c.Pipelined ? window : 1);
            await Task.WhenAll(nodes.Select(n => n.WriteAsync(start))).ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(startedAt);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;

            var transactions = await TransactionsAsync(nodes).ConfigureAwait(false) - transactionsBefore;
            var events = (double)nodeCount * actorCount * c.EventsPerActor;
            var megabytes = events * c.EventSize / 1_000_000;
            return new Result(
                events / elapsed.TotalSeconds,
                megabytes / elapsed.TotalSeconds,
                megabytes / cpu.TotalSeconds,
                transactions == 0 ? 0 : events / transactions);
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task<long> TransactionsAsync(List<BenchNode> nodes) =>
        (await Task.WhenAll(nodes.Select(n => n.TransactionsAsync())).ConfigureAwait(false)).Sum();

    /// <summary>The 1-minute load average: other processes on the machine make these numbers noisy, so runs report it.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    private static string Option(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }
}
