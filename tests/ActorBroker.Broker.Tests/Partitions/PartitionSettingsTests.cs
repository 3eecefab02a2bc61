using Akka.Actor;
using ActorBroker.Broker.Partitions;
using Akka.Configuration;

namespace ActorBroker.Broker.Tests.Partitions;

public sealed class PartitionSettingsTests
{
    [Fact]
    public async Task Reference_conf_gives_every_setting_its_documented_default()
    {
        var system = ActorSystem.Create("partition-settings");
        var settings = PartitionSettings.Create(system);
        await system.Terminate();

        Assert.Equal(new PartitionSettings(), settings);
        Assert.Equal(4L * 1024 * 1024, settings.CacheBytes);
        Assert.Equal(TimeSpan.FromMinutes(5), settings.RetentionCheckInterval);
        Assert.Equal(1000, settings.MaxWaitingFetches);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.FetchMaxWait);
        Assert.Equal(500, settings.JournalReadBatches);
        Assert.Equal(4, settings.JournalReadsInFlight);
        Assert.Equal(1000, settings.MaxInflightAppends);
        Assert.Same(TimeProvider.System, settings.Clock);
    }

    [Fact]
    public void Values_are_read_from_the_partition_section()
    {
        var settings = PartitionSettings.FromConfig(ConfigurationFactory.ParseString("""
            cache-bytes = 64KiB
            retention-check-interval = 2s
            max-waiting-fetches = 0
            fetch-max-wait = 500ms
            journal-read-batches = 7
            journal-reads-in-flight = 2
            max-inflight-appends = 3
            """));

        Assert.Equal(64 * 1024, settings.CacheBytes);
        Assert.Equal(TimeSpan.FromSeconds(2), settings.RetentionCheckInterval);
        Assert.Equal(0, settings.MaxWaitingFetches);
        Assert.Equal(TimeSpan.FromMilliseconds(500), settings.FetchMaxWait);
        Assert.Equal(7, settings.JournalReadBatches);
        Assert.Equal(2, settings.JournalReadsInFlight);
        Assert.Equal(3, settings.MaxInflightAppends);
    }

    [Theory]
    [InlineData("cache-bytes = -1")]
    [InlineData("retention-check-interval = 0s")]
    [InlineData("max-waiting-fetches = -1")]
    [InlineData("fetch-max-wait = 0ms")]
    [InlineData("journal-read-batches = 0")]
    [InlineData("journal-reads-in-flight = 0")]
    [InlineData("max-inflight-appends = 0")]
    public void An_out_of_range_value_fails_with_its_key(string hocon)
    {
        var key = hocon[..hocon.IndexOf(' ', StringComparison.Ordinal)];
        var section = ConfigurationFactory.ParseString($"actorbroker.broker.partition {{ {hocon} }}").GetConfig(PartitionSettings.Section);
        var error = Assert.Throws<BrokerConfigException>(() => PartitionSettings.FromConfig(section));
        Assert.Equal($"actorbroker.broker.partition.{key}", error.Path);
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }
}
