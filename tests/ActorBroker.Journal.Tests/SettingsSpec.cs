using ActorBroker.Journal.Settings;
using ActorBroker.Journal.Tests.Support;
using Akka.Configuration;
using Akka.Event;
using Xunit.Abstractions;

namespace ActorBroker.Journal.Tests;

/// <summary>Settings come from the plugin's embedded reference.conf; a bad one fails with an error naming its full key.</summary>
public sealed class SettingsSpec(ITestOutputHelper output)
    : JournalTestKit(output, $"{ActorBrokerJournal.JournalPath}.max-batch-size = many")
{
    [Theory]
    [InlineData("max-batch-size = many", "max-batch-size")]
    [InlineData("max-batch-size = 0", "max-batch-size")]
    [InlineData("queue-capacity = -5", "queue-capacity")]
    [InlineData("synchronous = sometimes", "synchronous")]
    [InlineData("checkpoint-interval = soon", "checkpoint-interval")]
    [InlineData("busy-timeout = 0s", "busy-timeout")]
    [InlineData("wal-autocheckpoint-pages = 1.5", "wal-autocheckpoint-pages")]
    [InlineData("file-name = \"\"", "file-name")]
    [InlineData("data-directory { nested = 1 }", "data-directory")]
    public void A_bad_journal_setting_fails_with_an_error_that_names_its_full_key(string setting, string key)
    {
        var error = Assert.Throws<ConfigurationException>(
            () => SqliteJournalSettings.Create(ConfigurationFactory.ParseString(setting), ActorBrokerJournal.JournalPath));

        Assert.StartsWith($"{ActorBrokerJournal.JournalPath}.{key} ", error.Message);
    }

    [Fact]
    public void A_bad_snapshot_store_setting_fails_with_an_error_that_names_its_full_key()
    {
        var error = Assert.Throws<ConfigurationException>(() => SqliteSnapshotStoreSettings.Create(
            ConfigurationFactory.ParseString("synchronous = off"), ActorBrokerJournal.SnapshotStorePath));

        Assert.StartsWith($"{ActorBrokerJournal.SnapshotStorePath}.synchronous ", error.Message);
    }

    [Fact]
    public void Settings_a_section_leaves_out_come_from_the_embedded_reference_conf()
    {
        var settings = SqliteJournalSettings.Create(
            ConfigurationFactory.ParseString("max-batch-size = 7"), ActorBrokerJournal.JournalPath);

        Assert.Equal(7, settings.MaxBatchSize);
        Assert.Equal(10_000, settings.QueueCapacity);
        Assert.Equal(SynchronousMode.Normal, settings.File.Synchronous);
        Assert.Equal("journal.db", settings.File.FileName);
        Assert.Equal(TimeSpan.FromMilliseconds(100), settings.CheckpointInterval);
    }

    [Fact]
    public void A_journal_with_a_bad_setting_logs_the_full_key_when_it_fails_to_start()
    {
        var errors = CreateTestProbe();
        Sys.EventStream.Subscribe(errors.Ref, typeof(Error));

        _ = Journal;

        errors.FishForMessage<Error>(e => Causes(e.Cause).Any(
            c => c is ConfigurationException && c.Message.StartsWith($"{ActorBrokerJournal.JournalPath}.max-batch-size ", StringComparison.Ordinal)));
    }

    private static IEnumerable<Exception> Causes(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }
}
