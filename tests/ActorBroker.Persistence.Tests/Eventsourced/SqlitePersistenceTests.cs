using ActorBroker.Actors;
using ActorBroker.Hocon;
using static ActorBroker.Persistence.Tests.Eventsourced.ListActor;

namespace ActorBroker.Persistence.Tests.Eventsourced;

/// <summary>The embedded default: events written through HOCON-configured SQLite survive a whole new actor system.</summary>
public sealed class SqlitePersistenceTests : TestKit.TestKit, IDisposable
{
    private static readonly string DataDirectory = Path.Combine(Path.GetTempPath(), "actorbroker-tests", Guid.NewGuid().ToString("N"));

    public SqlitePersistenceTests() : base(NodeConfig(DataDirectory))
    {
    }

    private static string NodeConfig(string dataDirectory) => $$"""
        actorbroker.persistence {
          journal.plugin = sqlite
          sqlite.data-directory = "{{dataDirectory.Replace("\\", "/", StringComparison.Ordinal)}}"
          sqlite.synchronous = FULL
        }
        """;

    [Fact]
    public async Task Acknowledged_events_survive_a_new_actor_system_on_the_same_file()
    {
        var list = Sys.ActorOf(Props.Create(() => new ListActor("orders-0", TestActor, null)));
        ExpectMsg<Recovered>();
        list.Tell(new AddAll(["a", "b", "c"]), TestActor);
        ReceiveN(3);
        await Sys.Terminate();

        await using var second = ActorSystem.Create("second", ConfigurationFactory.ParseString(NodeConfig(DataDirectory)));
        var probe = second.ActorOf(Props.Create(() => new ListActor("orders-0", second.DeadLetters, null)));
        var state = await probe.Ask<State>(new Get(), TimeSpan.FromSeconds(5));
        Assert.Equal(["a", "b", "c"], state.Items);
        Assert.Equal(3, state.LastSequenceNr);
        Assert.True(File.Exists(Path.Combine(DataDirectory, "actorbroker.db")));
    }

    [Fact]
    public async Task An_unknown_journal_plugin_fails_with_a_clear_configuration_error()
    {
        await using var system = ActorSystem.Create("bad-plugin", "actorbroker.persistence.journal.plugin = cassandra");
        var error = Assert.Throws<ConfigException>(() => Persistence.Get(system));
        Assert.Contains("cassandra", error.Message, StringComparison.Ordinal);
        Assert.Equal("actorbroker.persistence.journal.plugin", error.Path);
    }

    void IDisposable.Dispose()
    {
        Dispose();
        if (Directory.Exists(DataDirectory)) Directory.Delete(DataDirectory, recursive: true);
    }
}
