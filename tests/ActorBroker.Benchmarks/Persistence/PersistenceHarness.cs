using System.Diagnostics;
using System.Globalization;
using ActorBroker.Actors;
using ActorBroker.Hocon;
using ActorBroker.Persistence;
using ActorBroker.Persistence.PostgreSql;
using ActorBroker.Persistence.Snapshots;
using ActorBroker.Persistence.Sqlite;
using ActorBroker.Testing;

namespace ActorBroker.Benchmarks.Persistence;

/// <summary>
/// Events persisted per second through real <see cref="ReceivePersistentActor"/>s on an ActorSystem whose
/// <c>actorbroker.persistence</c> section selects the store (SQLite NORMAL / FULL, PostgreSQL). Each actor
/// persists a fixed number of events; a run's time is from the first Start to the last handler.
/// A timed harness rather than BenchmarkDotNet: the runs are seconds long and I/O-bound (BenchmarkDotNet's
/// many iterations and process per benchmark would repeat them for little gain), and the PostgreSQL server
/// is started once for the whole session instead of once per benchmark process.
/// </summary>
/// <remarks>
/// Usage: <c>--persistence [--stores sqlite-normal,sqlite-full,postgresql] [--repeat 3] [--scale 1.0] [--window 100] [--pg-nondurable]</c>.
/// </remarks>
internal static class PersistenceHarness
{
    private const int Small = 100;
    private const int Large = 16 * 1024;

    private sealed record Case(int Actors, int EventSize, bool Pipelined, int EventsPerActor)
    {
        public string Name => $"{Actors} actor{(Actors == 1 ? "" : "s")}, {(EventSize == Small ? "100 B" : "16 KiB")}, {(Pipelined ? "PersistAsync" : "Persist")}";
    }

    private sealed record Result(double EventsPerSecond, long Events, long Batches, TimeSpan Elapsed, TimeSpan InStore);

    public static async Task<int> RunAsync(string[] args)
    {
        var stores = Option(args, "--stores", "sqlite-normal,sqlite-full,postgresql").Split(',', StringSplitOptions.RemoveEmptyEntries);
        var repeat = int.Parse(Option(args, "--repeat", "3"), CultureInfo.InvariantCulture);
        var scale = double.Parse(Option(args, "--scale", "1"), CultureInfo.InvariantCulture);
        var window = int.Parse(Option(args, "--window", "100"), CultureInfo.InvariantCulture);
        var pgDurable = !args.Contains("--pg-nondurable");
        int Scaled(int n) => Math.Max(1, (int)(n * scale));

        Case[] cases =
        [
            new(1, Small, true, Scaled(100_000)),
            new(100, Small, true, Scaled(2_000)),
            new(100, Small, false, Scaled(500)),
            new(1, Large, true, Scaled(10_000)),
            new(100, Large, true, Scaled(100)),
        ];

        Console.WriteLine($"persistence throughput: {Environment.ProcessorCount} cores, .NET {Environment.Version}, window {window} writes in flight per PersistAsync actor, median of {repeat}");
        var rows = new List<string>();
        ThrowawayPostgreSqlServer? pg = null;
        try
        {
            var run = 0;
            foreach (var store in stores)
            {
                if (store == "postgresql" && pg is null)
                {
                    pg = new ThrowawayPostgreSqlServer(pgDurable);
                    await pg.StartAsync().ConfigureAwait(false);
                }

                // Warm-up (JIT, connection pools, file creation); not reported.
                await RunOnceAsync(store, new Case(100, Small, true, 50), window, pg, run++).ConfigureAwait(false);
                foreach (var c in cases)
                {
                    var results = new List<Result>();
                    for (var i = 0; i < repeat; i++)
                    {
                        results.Add(await RunOnceAsync(store, c, window, pg, run++).ConfigureAwait(false));
                    }

                    var sorted = results.OrderBy(r => r.EventsPerSecond).ToList();
                    var median = sorted[sorted.Count / 2];
                    var row = string.Create(CultureInfo.InvariantCulture,
                        $"| {StoreName(store, pgDurable)} | {c.Name} | {c.Actors * c.EventsPerActor:N0} | {median.EventsPerSecond:N0} | {sorted[0].EventsPerSecond:N0}–{sorted[^1].EventsPerSecond:N0} | {median.EventsPerSecond * c.EventSize / (1024 * 1024):N1} | {(double)median.Events / median.Batches:N0} | {100 * median.InStore / median.Elapsed:N0}% |");
                    Console.WriteLine(row);
                    rows.Add(row);
                }
            }
        }
        finally
        {
            if (pg is not null) await pg.DisposeAsync().ConfigureAwait(false);
        }

        Console.WriteLine();
        Console.WriteLine("| store | case | events | events/s (median) | range | MiB/s | events/commit | time in store writes |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows) Console.WriteLine(row);
        return 0;
    }

    private static string StoreName(string store, bool pgDurable) => store switch
    {
        "sqlite-normal" => "SQLite NORMAL",
        "sqlite-full" => "SQLite FULL",
        "postgresql" => pgDurable ? "PostgreSQL" : "PostgreSQL (fsync off)",
        _ => store,
    };

    private static async Task<Result> RunOnceAsync(string store, Case c, int window, ThrowawayPostgreSqlServer? pg, int run)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "actorbroker-pbench", Guid.NewGuid().ToString("N"));
        var hocon = store switch
        {
            "sqlite-normal" or "sqlite-full" => $$"""
                actorbroker.persistence {
                  journal.plugin = sqlite
                  sqlite.data-directory = "{{dataDirectory}}"
                  sqlite.synchronous = {{(store == "sqlite-full" ? "FULL" : "NORMAL")}}
                }
                """,
            "postgresql" => $$"""
                actorbroker.persistence {
                  journal.plugin = postgresql
                  postgresql.connection-string = "{{pg!.ConnectionString}}"
                  postgresql.schema = "run{{run}}"
                }
                """,
            _ => throw new ArgumentException($"unknown store '{store}' (sqlite-normal, sqlite-full, postgresql)"),
        };

        var system = ActorSystem.Create("pbench", ConfigurationFactory.ParseString(hocon));
        try
        {
            // The stores the plugin setting selects, built from the same settings as Persistence.Get builds
            // them, with a counting pass-through in front of the journal for the batch statistics.
            var settings = new PersistenceSettings(system.Config);
            var journal = new CountingJournalStore(settings.JournalPlugin == "sqlite"
                ? new SqliteJournalStore(settings.Sqlite)
                : new PostgreSqlJournalStore(settings.PostgreSql));
            ISnapshotStore snapshots = settings.SnapshotPlugin == "sqlite"
                ? new SqliteSnapshotStore(settings.Sqlite)
                : new PostgreSqlSnapshotStore(settings.PostgreSql);
            ActorBroker.Persistence.Persistence.Use(system, journal, snapshots);

            var payload = new byte[c.EventSize];
            Random.Shared.NextBytes(payload);
            var recovered = new List<Task>(c.Actors);
            var done = new List<Task>(c.Actors);
            var actors = new List<IActorRef>(c.Actors);
            for (var i = 0; i < c.Actors; i++)
            {
                var r = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var d = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var pid = $"partition-{i}";
                actors.Add(system.ActorOf(Props.Create(() => new ThroughputActor(pid, c.EventsPerActor, window, payload, c.Pipelined, r, d))));
                recovered.Add(r.Task);
                done.Add(d.Task);
            }

            await Task.WhenAll(recovered).WaitAsync(TimeSpan.FromMinutes(1)).ConfigureAwait(false);
            journal.Reset();
            var start = Stopwatch.GetTimestamp();
            foreach (var actor in actors) actor.Tell(ThroughputActor.Start.Instance, ActorRefs.NoSender);
            await Task.WhenAll(done).WaitAsync(TimeSpan.FromMinutes(10)).ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(start);
            var events = (long)c.Actors * c.EventsPerActor;
            if (journal.Events != events)
                throw new InvalidOperationException($"{journal.Events} events reached the store, expected {events}");
            return new Result(events / elapsed.TotalSeconds, events, journal.Batches, elapsed, journal.TimeInWrites);
        }
        finally
        {
            await system.Terminate().ConfigureAwait(false);
            await system.DisposeAsync().ConfigureAwait(false);
            if (Directory.Exists(dataDirectory)) Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static string Option(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }
}
