using System.Diagnostics;
using System.Globalization;
using ActorBroker.Journal;
using Akka.Actor;
using Microsoft.Data.Sqlite;

namespace ActorBroker.Benchmarks.Journal;

/// <summary>
/// Events persisted per second through Akka.NET persistent actors on two Akka.Persistence journals over SQLite:
/// ActorBroker.Journal and Akka.Persistence.Sql (see <see cref="JournalVariant"/>). Each run is a fresh ActorSystem
/// on a fresh database file, N actors (<c>partition-0..N-1</c>) each persisting a fixed number of byte[] events; the
/// clock runs from the first Start to the last actor's last handler. A timed harness, like <c>--persistence</c>.
/// </summary>
/// <remarks>
/// Usage: <c>--journal [--journals ab-normal,ab-full,sql-normal,sql-full,sql-default] [--cases large-async,large-persist,small-async]
/// [--repeat 3] [--scale 1.0] [--actors 12] [--window 100] [--sql-batch-size 400] [--sql-parallelism 1]</c>.
/// </remarks>
internal static class JournalHarness
{
    private sealed record Case(string Name, int EventSize, bool Pipelined, int EventsPerActor)
    {
        public string Label => $"{(EventSize >= 1024 ? $"{EventSize / 1024} KiB" : $"{EventSize} B")}, {(Pipelined ? "PersistAsync" : "Persist")}";
    }

    private sealed record Result(double EventsPerSecond, double MegabytesPerSecond, double EventsPerTransaction);

    public static async Task<int> RunAsync(string[] args)
    {
        var journals = Option(args, "--journals", "ab-normal,ab-full,sql-normal,sql-full,sql-default").Split(',', StringSplitOptions.RemoveEmptyEntries);
        var caseNames = Option(args, "--cases", "large-async,large-persist,small-async").Split(',', StringSplitOptions.RemoveEmptyEntries);
        var repeat = int.Parse(Option(args, "--repeat", "3"), CultureInfo.InvariantCulture);
        var scale = double.Parse(Option(args, "--scale", "1"), CultureInfo.InvariantCulture);
        var actors = int.Parse(Option(args, "--actors", "12"), CultureInfo.InvariantCulture);
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
            new("large-async", 16 * 1024, true, Scaled(1_500)),
            new("large-persist", 16 * 1024, false, Scaled(300)),
            new("small-async", 100, true, Scaled(5_000)),
        ];
        var cases = caseNames.Select(n => all.SingleOrDefault(c => c.Name == n)
            ?? throw new ArgumentException($"unknown case '{n}' ({string.Join(", ", all.Select(c => c.Name))})")).ToList();

        Console.WriteLine($"journal throughput: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {actors} actors, window {window} (PersistAsync), {repeat} runs each");
        var rows = new List<string>();
        foreach (var journal in journals)
        {
            var variant = Variant(journal, "");
            // Warm-up (JIT, provider start-up); not reported.
            await RunOnceAsync(dir => Variant(journal, dir), new Case("warm-up", 100, true, 50), actors, window).ConfigureAwait(false);
            foreach (var c in cases)
            {
                var results = new List<Result>();
                for (var i = 0; i < repeat; i++)
                {
                    results.Add(await RunOnceAsync(dir => Variant(journal, dir), c, actors, window).ConfigureAwait(false));
                }

                var runs = string.Join(" / ", results.Select(r => r.MegabytesPerSecond.ToString("N1", CultureInfo.InvariantCulture)));
                var median = results.OrderBy(r => r.EventsPerSecond).ElementAt(results.Count / 2);
                var perTransaction = variant.IsOurs ? median.EventsPerTransaction.ToString("N0", CultureInfo.InvariantCulture) : "–";
                var row = string.Create(CultureInfo.InvariantCulture,
                    $"| {variant.Description} | {c.Label} | {(long)actors * c.EventsPerActor:N0} | {median.EventsPerSecond:N0} | {median.MegabytesPerSecond:N1} | {runs} | {perTransaction} |");
                Console.WriteLine(row);
                rows.Add(row);
            }
        }

        Console.WriteLine();
        Console.WriteLine("| journal | case | events | events/s (median) | MB/s (median) | MB/s (each run) | events/transaction |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            Console.WriteLine(row);
        }

        return 0;
    }

    private static async Task<Result> RunOnceAsync(Func<string, JournalVariant> variantIn, Case c, int actorCount, int window)
    {
        var directory = Path.Combine(Path.GetTempPath(), "actorbroker-jbench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        PrepareWalDatabase(Path.Combine(directory, "sql.db"));
        var variant = variantIn(directory);
        var system = variant.Start("jbench");
        try
        {
            var actors = Enumerable.Range(0, actorCount)
                .Select(i => system.ActorOf(EventWriterActor.Props($"partition-{i}", c.EventSize)))
                .ToList();
            var timeout = TimeSpan.FromMinutes(1);
            await Task.WhenAll(actors.Select(a => a.Ask<EventWriterActor.Ready>(EventWriterActor.Ready.Instance, timeout))).ConfigureAwait(false);
            var before = await StatsAsync(system, variant).ConfigureAwait(false);

            var start = Stopwatch.GetTimestamp();
            var start1 = new EventWriterActor.Start(c.EventsPerActor, c.Pipelined ? window : 1);
            await Task.WhenAll(actors.Select(a => a.Ask<EventWriterActor.Done>(start1, timeout))).ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(start);

            var after = await StatsAsync(system, variant).ConfigureAwait(false);
            var events = (double)actorCount * c.EventsPerActor;
            var transactions = after is null || before is null ? 0 : after.Transactions - before.Transactions;
            return new Result(
                events / elapsed.TotalSeconds,
                events * c.EventSize / elapsed.TotalSeconds / 1_000_000,
                transactions == 0 ? 0 : events / transactions);
        }
        finally
        {
            await system.Terminate().ConfigureAwait(false);
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>The journal's commit counters (ActorBroker.Journal only).</summary>
    private static async Task<JournalStats?> StatsAsync(ActorSystem system, JournalVariant variant) => variant.IsOurs
        ? await Akka.Persistence.Persistence.Instance.Apply(system).JournalFor(null)
            .Ask<JournalStats>(GetJournalStats.Instance, TimeSpan.FromSeconds(10)).ConfigureAwait(false)
        : null;

    /// <summary>WAL is a property of the file: set once, every later connection (linq2db's too) uses it.</summary>
    private static void PrepareWalDatabase(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL";
        command.ExecuteNonQuery();
    }

    private static string Option(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }
}
