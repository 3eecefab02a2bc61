using ActorBroker.Broker.Partitions;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using ActorBroker.Testing;
using Akka.Actor;

namespace ActorBroker.Broker.Tests.Partitions;

/// <summary>The partition on Akka.Persistence.Sql's PostgreSQL journal, against a throwaway server: acknowledged batches survive a new actor system.</summary>
public sealed class PostgreSqlPartitionTests
{
    private static readonly TopicPartition Orders0 = new("orders", 0);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    [PostgreSqlFact]
    [Trait("Category", "Slow")]
    public async Task Acknowledged_batches_survive_a_new_actor_system_on_the_same_database()
    {
        await using var server = new ThrowawayPostgreSqlServer(durable: false);
        await server.StartAsync();
        var config = TestConfigs.Broker("actorbroker.broker.partition.cache-bytes = 0", PostgreSqlJournal.On(server.ConnectionString));
        var topicId = Guid.NewGuid();

        var first = ActorSystem.Create("pg-first", config);
        var partition = first.ActorOf(PartitionActor.Props(Orders0, topicId, TopicConfig.Default, PartitionSettings.Create(first)));
        for (var i = 0; i < 3; i++)
        {
            var produced = await partition.Ask<ProduceResponse>(new ProduceRequest(Orders0, Acks.All, 5_000, Batches.Of(2), i), Timeout);
            Assert.Equal((ErrorCode.None, 2L * i), (produced.Error, produced.BaseOffset));
        }
        await first.Terminate();

        var second = ActorSystem.Create("pg-second", config);
        try
        {
            var recovered = second.ActorOf(PartitionActor.Props(Orders0, topicId, TopicConfig.Default, PartitionSettings.Create(second)));
            var fetched = await recovered.Ask<FetchResponse>(new FetchRequest(Orders0, 0, 1 << 20, 0, 0, -1, null, 1), Timeout);
            Assert.Equal((ErrorCode.None, 6L), (fetched.Error, fetched.HighWatermark));
            Assert.Equal([0L, 1, 2, 3, 4, 5], Batches.OffsetsOf(fetched.Batches));
        }
        finally
        {
            await second.Terminate();
        }
    }
}
