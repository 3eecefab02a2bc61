using ActorBroker.Broker.Serialization;
using Akka.Configuration;

namespace ActorBroker.Broker.Tests;

/// <summary>The configuration of the tests' actor systems: the broker's serializers and defaults, and a journal.</summary>
internal static class TestConfigs
{
    /// <summary>
    /// Akka.Persistence.TestKit's TestJournal: Akka's in-memory journal with interceptors that tests use to hold, fail
    /// or reject writes and replays. Its events live as long as the actor system.
    /// </summary>
    public static Config TestJournal { get; } = ConfigurationFactory.ParseString("""
        akka.persistence.journal {
          plugin = "akka.persistence.journal.test"
          test {
            class = "Akka.Persistence.TestKit.TestJournal, Akka.Persistence.TestKit"
            plugin-dispatcher = "akka.actor.default-dispatcher"
          }
        }
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
        """);

    /// <summary>Akka's plain in-memory journal and snapshot store.</summary>
    public static Config InMemoryJournal { get; } = ConfigurationFactory.ParseString("""
        akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
        """);

    /// <summary>
    /// <paramref name="hocon"/> over <paramref name="journal"/>, the broker's serializers and defaults, and the bounded
    /// mailboxes BrokerHost would add (for actors a test starts on their own).
    /// </summary>
    public static Config Broker(string? hocon = null, Config? journal = null) =>
        ConfigurationFactory.ParseString(hocon ?? "")
            .WithFallback(journal ?? InMemoryJournal)
            .WithFallback(BrokerMailboxes.Config(new BrokerSettings()))
            .WithFallback(BrokerAkkaSerialization.Config)
            .WithFallback(BrokerConfig.Defaults);
}
