using ActorBroker.Journal;
using Akka.Actor;
using Microsoft.Data.Sqlite;

namespace ActorBroker.Benchmarks.Journal;

/// <summary>
/// One simulated broker node for the journal benchmark: its own ActorSystem, its own database directory, and N
/// persistent actors (<c>partition-0..N-1</c>) writing to its journal.
/// </summary>
internal sealed class BenchNode : IAsyncDisposable
{
    private static readonly TimeSpan _timeout = TimeSpan.FromMinutes(1);
    private readonly string _directory;
    private readonly JournalVariant _variant;
    private readonly ActorSystem _system;
    private readonly List<IActorRef> _actors;

    private BenchNode(string directory, JournalVariant variant, int actors, int eventSize)
    {
        _directory = directory;
        _variant = variant;
        _system = variant.Start("jbench");
        _actors = Enumerable.Range(0, actors)
            .Select(i => _system.ActorOf(EventWriterActor.Props($"partition-{i}", eventSize)))
            .ToList();
    }

    /// <summary>Starts a node on a fresh directory and waits until its actors have recovered (empty).</summary>
    public static async Task<BenchNode> StartAsync(Func<string, JournalVariant> variantIn, int actors, int eventSize)
    {
        var directory = Path.Combine(Path.GetTempPath(), "actorbroker-jbench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        PrepareWalDatabase(Path.Combine(directory, "sql.db"));
        var node = new BenchNode(directory, variantIn(directory), actors, eventSize);
        await Task.WhenAll(node._actors.Select(a => a.Ask<EventWriterActor.Ready>(EventWriterActor.Ready.Instance, _timeout)))
            .ConfigureAwait(false);
        return node;
    }

    /// <summary>Every actor persists its events; completes when the last handler has run.</summary>
    public Task WriteAsync(EventWriterActor.Start start) =>
        Task.WhenAll(_actors.Select(a => a.Ask<EventWriterActor.Done>(start, _timeout)));

    /// <summary>Transactions the journal committed so far (ActorBroker.Journal only; 0 for the others).</summary>
    public async Task<long> TransactionsAsync() => _variant.IsOurs
        ? (await Akka.Persistence.Persistence.Instance.Apply(_system).JournalFor(null)
            .Ask<JournalStats>(GetJournalStats.Instance, TimeSpan.FromSeconds(10)).ConfigureAwait(false)).Transactions
        : 0;

    public async ValueTask DisposeAsync()
    {
        await _system.Terminate().ConfigureAwait(false);
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>WAL is a property of the file: set once, every later connection (linq2db's too) uses it.</summary>
    private static void PrepareWalDatabase(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL";
        command.ExecuteNonQuery();
    }
}
