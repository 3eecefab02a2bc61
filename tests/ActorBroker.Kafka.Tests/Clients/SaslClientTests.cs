using ActorBroker.Kafka.Security;
using ActorBroker.Kafka.Tests.Support;
using Confluent.Kafka;
using Xunit.Abstractions;

namespace ActorBroker.Kafka.Tests.Clients;

/// <summary>Confluent.Kafka (librdkafka 2.16) logging in with SASL (SCRAM-SHA-256, SCRAM-SHA-512, PLAIN) to a node whose door authenticates against an in-memory credential store.</summary>
[Trait("Category", "Slow")]
[Collection(KafkaClusterCollection.Name)]
public sealed class SaslClientTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly KafkaSettings SaslDoor = KafkaCluster.DoorSettings with
    {
        SecurityProtocol = KafkaSecurityProtocol.SaslPlaintext,
        SaslEnabledMechanisms = ["SCRAM-SHA-256", "SCRAM-SHA-512", "PLAIN"],
    };

    private readonly InMemoryCredentialStore _users = new InMemoryCredentialStore().Add("alice", "wonderland");
    private KafkaCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await KafkaCluster.StartAsync(output, 1, SaslDoor, _users);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Theory]
    [InlineData(SaslMechanism.ScramSha256)]
    [InlineData(SaslMechanism.ScramSha512)]
    [InlineData(SaslMechanism.Plain)]
    public async Task A_client_that_logs_in_produces_and_consumes(SaslMechanism mechanism)
    {
        await _cluster.CreateTopicAsync("secured", partitions: 2, replicationFactor: 1);
        using (var producer = ConfluentClients.Producer(_cluster.BootstrapServers, output, c => LogIn(c, mechanism, "alice", "wonderland")))
        {
            var sends = Enumerable.Range(0, 20).Select(i => producer.ProduceAsync("secured", new Message<string, string> { Key = $"k{i}", Value = $"v{i}" }));
            Assert.All(await Task.WhenAll(sends), d => Assert.Equal(PersistenceStatus.Persisted, d.Status));
        }

        var read = ConfluentClients.ReadAll(_cluster.BootstrapServers, output, "secured", 2, TimeSpan.FromSeconds(30), c => LogIn(c, mechanism, "alice", "wonderland"));

        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"v{i}").Order(), read.Select(r => r.Message.Value).Order());
    }

    [Theory]
    [InlineData(SaslMechanism.ScramSha256, "alice")]
    [InlineData(SaslMechanism.ScramSha256, "mallory")]
    [InlineData(SaslMechanism.Plain, "alice")]
    public async Task A_wrong_password_or_unknown_user_is_reported_as_an_authentication_error_and_others_are_still_served(SaslMechanism mechanism, string user)
    {
        await _cluster.CreateTopicAsync("secured", partitions: 1, replicationFactor: 1);
        var errors = new List<Error>();
        var reported = new TaskCompletionSource<Error>(TaskCreationOptions.RunContinuationsAsynchronously);
        var config = new ProducerConfig { BootstrapServers = _cluster.BootstrapServers, MessageTimeoutMs = 5_000 };
        LogIn(config, mechanism, user, "looking-glass");
        using (var intruder = new ProducerBuilder<string, string>(config)
                   .SetErrorHandler((_, e) =>
                   {
                       lock (errors) errors.Add(e);
                       if (e.Code == ErrorCode.Local_Authentication) reported.TrySetResult(e);
                   })
                   .Build())
        {
            var refused = Assert.ThrowsAsync<ProduceException<string, string>>(() => intruder.ProduceAsync("secured", new Message<string, string> { Key = "k", Value = "v" }));
            var error = await reported.Task.WaitAsync(TimeSpan.FromSeconds(20));
            output.WriteLine($"librdkafka reports {error.Code}: {error.Reason}");
            Assert.Contains("Authentication failed", error.Reason, StringComparison.Ordinal);
            await refused;
        }

        using var producer = ConfluentClients.Producer(_cluster.BootstrapServers, output, c => LogIn(c, mechanism, "alice", "wonderland"));
        Assert.Equal(PersistenceStatus.Persisted, (await producer.ProduceAsync("secured", new Message<string, string> { Key = "k", Value = "v" })).Status);
    }

    private static void LogIn(ClientConfig config, SaslMechanism mechanism, string user, string password)
    {
        config.SecurityProtocol = SecurityProtocol.SaslPlaintext;
        config.SaslMechanism = mechanism;
        config.SaslUsername = user;
        config.SaslPassword = password;
    }
}
