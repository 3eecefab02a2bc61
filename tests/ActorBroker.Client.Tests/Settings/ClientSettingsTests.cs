using ActorBroker.Client.Settings;
using ActorBroker.Protocol.Messages;
using Akka.Actor;
using Akka.Configuration;

namespace ActorBroker.Client.Tests.Settings;

public sealed class ClientSettingsTests
{
    private static Config Hocon(string text) => ConfigurationFactory.ParseString(text);

    [Fact]
    public void The_defaults_are_kafkas_where_kafka_has_the_setting()
    {
        var p = ProducerSettings.Default;
        Assert.Equal(Acks.All, p.Acks);
        Assert.Equal(16 * 1024, p.BatchSize);
        Assert.Equal(TimeSpan.FromMilliseconds(5), p.Linger);
        Assert.Equal(32L * 1024 * 1024, p.BufferMemory);
        Assert.Equal(TimeSpan.FromSeconds(60), p.MaxBlock);
        Assert.Equal(1024 * 1024, p.MaxRequestSize);
        Assert.Equal(5, p.MaxInFlightRequestsPerConnection);
        Assert.Equal(int.MaxValue, p.Retries);
        Assert.Equal(TimeSpan.FromMilliseconds(100), p.RetryBackoff);
        Assert.Equal(TimeSpan.FromSeconds(30), p.RequestTimeout);
        Assert.Equal(TimeSpan.FromSeconds(120), p.DeliveryTimeout);
        Assert.Equal(TimeSpan.FromMinutes(5), p.Client.MetadataMaxAge);

        var c = ConsumerSettings.Default;
        Assert.Equal(AutoOffsetReset.Latest, c.AutoOffsetReset);
        Assert.Equal(1, c.FetchMinBytes);
        Assert.Equal(TimeSpan.FromMilliseconds(500), c.FetchMaxWait);
        Assert.Equal(1024 * 1024, c.MaxPartitionFetchBytes);
        Assert.Equal(TimeSpan.FromSeconds(30), c.RequestTimeout);
    }

    [Fact]
    public void Producer_settings_are_read_from_hocon_with_hyphenated_keys_and_durations()
    {
        var settings = ProducerSettings.FromConfig(Hocon("""
            actorbroker.client {
              bootstrap-servers = ["10.0.0.1:2552", "10.0.0.2:2553"]
              cluster-system-name = "prod"
              producer {
                acks = 1
                batch-size = 64KiB
                linger = 20ms
                max-in-flight-requests-per-connection = 1
                request-timeout = 10s
              }
            }
            """));

        Assert.Equal(Acks.Leader, settings.Acks);
        Assert.Equal(64 * 1024, settings.BatchSize);
        Assert.Equal(TimeSpan.FromMilliseconds(20), settings.Linger);
        Assert.Equal(1, settings.MaxInFlightRequestsPerConnection);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.RequestTimeout);
        Assert.Equal(ProducerSettings.Default.DeliveryTimeout, settings.DeliveryTimeout); // unset keys keep their defaults
        Assert.Equal(["10.0.0.1:2552", "10.0.0.2:2553"], settings.Client.BootstrapServers);
        Assert.Equal("prod", settings.Client.ClusterSystemName);
    }

    [Fact]
    public void Consumer_settings_are_read_from_hocon()
    {
        var settings = ConsumerSettings.FromConfig(Hocon("""
            actorbroker.client.consumer {
              auto-offset-reset = earliest
              fetch-min-bytes = 1KiB
              fetch-max-wait = 100ms
              max-partition-fetch-bytes = 2MiB
              max-buffered-bytes = 4MiB
            }
            """));

        Assert.Equal(AutoOffsetReset.Earliest, settings.AutoOffsetReset);
        Assert.Equal(1024, settings.FetchMinBytes);
        Assert.Equal(TimeSpan.FromMilliseconds(100), settings.FetchMaxWait);
        Assert.Equal(2 * 1024 * 1024, settings.MaxPartitionFetchBytes);
        Assert.Equal(4L * 1024 * 1024, settings.MaxBufferedBytes);
    }

    [Theory]
    [InlineData("actorbroker.client.producer.acks = 2", "actorbroker.client.producer.acks")]
    [InlineData("actorbroker.client.producer.linger = -1ms", "actorbroker.client.producer.linger")]
    [InlineData("actorbroker.client.producer.linger = soon", "actorbroker.client.producer.linger")]
    [InlineData("actorbroker.client.producer.max-in-flight-requests-per-connection = 0", "actorbroker.client.producer.max-in-flight-requests-per-connection")]
    [InlineData("actorbroker.client.producer.max-request-size = 10", "actorbroker.client.producer.max-request-size")]
    [InlineData("actorbroker.client.producer.batch-size = 3GiB", "actorbroker.client.producer.batch-size")]
    [InlineData("actorbroker.client.producer.delivery-timeout = 1s", "actorbroker.client.producer.delivery-timeout")]
    [InlineData("actorbroker.client.producer.retries = -1", "actorbroker.client.producer.retries")]
    [InlineData("actorbroker.client.bootstrap-servers = [\"no-port\"]", "actorbroker.client.bootstrap-servers")]
    [InlineData("actorbroker.client.bootstrap-servers = []", "actorbroker.client.bootstrap-servers")]
    [InlineData("actorbroker.client.cluster-system-name = \"bad name\"", "actorbroker.client.cluster-system-name")]
    public void A_bad_producer_value_fails_with_a_ConfigException_naming_its_key(string hocon, string key)
    {
        var error = Assert.Throws<ConfigException>(() => ProducerSettings.FromConfig(Hocon(hocon)));
        Assert.Equal(key, error.Path);
        Assert.Contains(key, error.Message);
    }

    [Theory]
    [InlineData("actorbroker.client.consumer.auto-offset-reset = sometimes", "actorbroker.client.consumer.auto-offset-reset")]
    [InlineData("actorbroker.client.consumer.max-partition-fetch-bytes = 0", "actorbroker.client.consumer.max-partition-fetch-bytes")]
    [InlineData("actorbroker.client.consumer.fetch-max-wait = 30d", "actorbroker.client.consumer.fetch-max-wait")]
    [InlineData("actorbroker.client.consumer.max-buffered-bytes = 0", "actorbroker.client.consumer.max-buffered-bytes")]
    public void A_bad_consumer_value_fails_with_a_ConfigException_naming_its_key(string hocon, string key)
    {
        var error = Assert.Throws<ConfigException>(() => ConsumerSettings.FromConfig(Hocon(hocon)));
        Assert.Equal(key, error.Path);
    }

    [Fact]
    public void Options_with_kafka_names_override_only_what_they_set_and_are_validated()
    {
        var settings = ProducerSettings.FromOptions(new ProducerOptions
        {
            BootstrapServers = "127.0.0.1:2552, 127.0.0.1:2553",
            Acks = "0",
            LingerMs = 50,
            DeliveryTimeoutMs = 60_000,
        });
        Assert.Equal(Acks.None, settings.Acks);
        Assert.Equal(TimeSpan.FromMilliseconds(50), settings.Linger);
        Assert.Equal(["127.0.0.1:2552", "127.0.0.1:2553"], settings.Client.BootstrapServers);
        Assert.Equal(ProducerSettings.Default.BatchSize, settings.BatchSize);

        var error = Assert.Throws<ConfigException>(() => ProducerSettings.FromOptions(new ProducerOptions { RetryBackoffMs = -5 }));
        Assert.Contains("retry.backoff.ms", error.Message);
        var consumerError = Assert.Throws<ConfigException>(() => ConsumerSettings.FromOptions(new ConsumerOptions { AutoOffsetReset = "never" }));
        Assert.Contains("auto.offset.reset", consumerError.Message);
    }

    [Fact]
    public void Bootstrap_servers_become_receptionist_paths_of_the_cluster_system()
    {
        var settings = ClientSettings.Default with
        {
            BootstrapServers = ["127.0.0.1:2552", "akka.tcp://other@10.0.0.5:3000", "akka.tcp://broker@10.0.0.6:4000/system/receptionist"],
        };

        Assert.Equal(
            [
                ActorPath.Parse("akka.tcp://broker@127.0.0.1:2552/system/receptionist"),
                ActorPath.Parse("akka.tcp://other@10.0.0.5:3000/system/receptionist"),
                ActorPath.Parse("akka.tcp://broker@10.0.0.6:4000/system/receptionist"),
            ],
            settings.ReceptionistPaths());
    }

    [Fact]
    public void Every_client_key_in_reference_conf_has_a_comment_line_above_it()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot(), "hocon", "reference.conf"));
        var start = Array.FindIndex(lines, l => l.TrimStart().StartsWith("client {", StringComparison.Ordinal) && l.StartsWith("  client", StringComparison.Ordinal));
        Assert.True(start > 0, "no client block in reference.conf");
        for (var i = start + 1; i < lines.Length && lines[i] != "  }"; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#') || line.EndsWith('{') || line == "}") continue;
            Assert.True(lines[i - 1].Trim().StartsWith('#'), $"reference.conf line {i + 1} ('{line}') has no comment above it");
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ActorBroker.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("ActorBroker.sln not found above the test's directory");
    }
}
