using System.Collections.Immutable;
using Akka.Actor;
using Akka.Configuration;
using Akka.Cluster.Sharding.External;
using Akka.Cluster.Tools.Client;
using Akka.Cluster.Tools.PublishSubscribe;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using Akka.TestKit;
using Xunit.Abstractions;

namespace ActorBroker.Broker.Tests.MultiNode;

[Collection(BrokerNodesCollection.Name)]
public sealed class RequestRoutingTests(ITestOutputHelper output) : BrokerClusterTestBase(output)
{
    [Fact]
    public async Task A_produce_sent_to_any_node_reaches_the_partition_on_its_leaders_node()
    {
        var nodes = await StartBrokersAsync(3);
        AssertOk(await CreateTopicAsync(nodes[0], "routed", 3));
        var topic = (await AwaitConvergedAsync(nodes, i => i.Topics.ContainsKey("routed"), "every node has the topic")).Topics["routed"];

        for (var partition = 0; partition < 3; partition++)
        {
            var id = new TopicPartition("routed", partition);
            var leaderPort = topic.Partitions[partition].Leader!.Split(':')[1];
            for (var sender = 0; sender < 3; sender++)
            {
                var response = await ProduceUntilAnsweredAsync(nodes[sender], id);

                Assert.Equal((ErrorCode.None, (long)sender), (response.Error, response.BaseOffset));
                Assert.Equal($"produce@{leaderPort}:{id}:{sender}", Partitions.Entries.Last(e => e.StartsWith("produce@", StringComparison.Ordinal)));
            }
        }

        // Fetch and list offsets travel the same way.
        var zero = new TopicPartition("routed", 0);
        var offsets = await AskFrontAsync<ListOffsetsResponse>(nodes[2], new ListOffsetsRequest(zero, ListOffsetsRequest.Latest, 99));
        Assert.Equal((ErrorCode.None, 3L, 99L), (offsets.Error, offsets.Offset, offsets.CorrelationId));
        var fetched = await AskFrontAsync<FetchResponse>(nodes[1], new FetchRequest(zero, 0, 1024, 1, 10, -1, null, 98));
        Assert.Equal((ErrorCode.None, 3L), (fetched.Error, fetched.HighWatermark));
        Assert.Equal(3, Partitions.Entries.Count(e => e.StartsWith("start@", StringComparison.Ordinal))); // one entity per partition, nowhere else
    }

    [Fact]
    public async Task Requests_for_unknown_topics_or_partitions_are_refused_by_the_front_without_reaching_any_partition()
    {
        var nodes = await StartBrokersAsync(2);
        AssertOk(await CreateTopicAsync(nodes[0], "known", 1));
        await AwaitConvergedAsync(nodes, i => i.Topics.ContainsKey("known"), "every node has the topic");

        var produce = await AskFrontAsync<ProduceResponse>(nodes[1], Produce(new TopicPartition("unknown", 0), 41));
        var fetch = await AskFrontAsync<FetchResponse>(nodes[1], new FetchRequest(new TopicPartition("known", 1), 0, 1024, 1, 10, -1, null, 42));
        var offsets = await AskFrontAsync<ListOffsetsResponse>(nodes[0], new ListOffsetsRequest(new TopicPartition("unknown", 3), ListOffsetsRequest.Earliest, 43));

        Assert.Equal((ErrorCode.UnknownTopicOrPartition, 41L), (produce.Error, produce.CorrelationId));
        Assert.Contains("unknown-0 does not exist", produce.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal((ErrorCode.UnknownTopicOrPartition, 42L), (fetch.Error, fetch.CorrelationId));
        Assert.Equal((ErrorCode.UnknownTopicOrPartition, 43L), (offsets.Error, offsets.CorrelationId));
        // The replica of "known" started with the topic; no request reached it.
        Assert.All(Partitions.Entries, e => Assert.StartsWith("start@", e, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_external_cluster_client_reaches_the_front_at_user_broker()
    {
        var nodes = await StartBrokersAsync(2);
        // Not a member: it never joins, and reaches the brokers only through the receptionists.
        // ClusterClient's envelopes (its own and the pub-sub Send it wraps requests in) need their serializers, bound when the system starts.
        // The project's serializer rules stay above Akka's module defaults, whose serializer names they take over.
        var clientNode = Nodes.StartNode(ConfigurationFactory.ParseString("akka.cluster.client.establishing-get-contacts-interval = 200ms")
            .WithFallback(ProtocolAkkaSerialization.Config)
            .WithFallback(ClusterClientReceptionist.DefaultConfig())
            .WithFallback(DistributedPubSub.DefaultConfig())
            .ToString(includeFallback: true));
        var contacts = nodes.Select(n => (ActorPath)(new RootActorPath(Nodes.AddressOf(n)) / "system" / "receptionist")).ToImmutableHashSet();
        var client = clientNode.ActorOf(ClusterClient.Props(ClusterClientSettings.Create(clientNode).WithInitialContacts(contacts)), "client");
        var probe = CreateTestProbe(clientNode);

        client.Tell(new ClusterClient.Send("/user/broker", new CreateTopicRequest("external", 2, 1, new Dictionary<string, string>(), 1)), probe.Ref);
        AssertOk(probe.ExpectMsg<TopicAdminResponse>(Long));
        await AwaitConvergedAsync(nodes, i => i.Topics.ContainsKey("external"), "every node has the topic");
        client.Tell(new ClusterClient.Send("/user/broker", new MetadataRequest(["external"], 2)), probe.Ref);
        var metadata = probe.ExpectMsg<MetadataResponse>(Long);
        // Right after the cluster formed, a shard may first land beside its leader (answered NotLeaderOrFollower) until the
        // controller moves it; a client retries such errors, as Kafka's do.
        ProduceResponse? produced = null;
        await AwaitConditionAsync(async () =>
        {
            client.Tell(new ClusterClient.Send("/user/broker", Produce(new TopicPartition("external", 1), 3)), probe.Ref);
            // A produce dropped while its shard hands off to the leader's node is never answered: retried, as a client
            // retries a request that timed out.
            produced = await probe.ReceiveOneAsync(TimeSpan.FromSeconds(3)) as ProduceResponse ?? produced;
            return produced is not null && !produced.Error.IsRetriable();
        }, Long, TimeSpan.FromMilliseconds(50), "the produce through the cluster client was never answered without a retriable error");

        Assert.Equal(2, metadata.Nodes.Count);
        Assert.Equal(2, metadata.Topics[0].Partitions.Count);
        Assert.Equal((ErrorCode.None, 0L, 3L), (produced!.Error, produced.BaseOffset, produced.CorrelationId));
    }

    [Fact]
    public async Task The_controller_runs_as_the_oldest_nodes_singleton_and_places_each_partition_on_its_leaders_node()
    {
        var nodes = await StartBrokersAsync(3);
        AssertOk(await CreateTopicAsync(nodes[0], "placed", 6));
        var image = await AwaitConvergedAsync(nodes, i => i.Topics.ContainsKey("placed"), "every node has the topic");
        var leaders = image.Topics["placed"].Partitions.ToDictionary(p => $"placed-{p.Partition}", p => p.Leader!);

        // The controller placed each partition's shard on its leader's node (the external allocation's stored locations), two per node.
        var client = ExternalShardAllocation.Get(nodes[2]).ClientFor(BrokerHost.PartitionTypeName);
        ShardLocations? locations = null;
        await AwaitConditionAsync(async () =>
        {
            locations = await client.ShardLocations();
            return locations.Locations.Count == 6;
        }, Long, TimeSpan.FromMilliseconds(50), "all six partitions have a stored location");
        Assert.All(locations!.Locations, l => Assert.Equal($"{l.Value.Address.Host}:{l.Value.Address.Port}", leaders[l.Key]));
        Assert.All(locations.Locations.GroupBy(l => l.Value.Address), g => Assert.Equal(2, g.Count()));

        var controllerNode = ControllerNodeOf(nodes);
        var controllerPath = new RootActorPath(Nodes.AddressOf(controllerNode)) / "user" / BrokerHost.ControllerManagerName / "singleton" / "controller";
        var identity = await nodes[2].ActorSelection(controllerPath).Ask<ActorIdentity>(new Identify(1), Long);
        Assert.NotNull(identity.Subject);
        Assert.Equal(nodes.Select(n => Nodes.AddressOf(n)).Order(), locations.Locations.Values.Select(l => l.Address).Distinct().Order());
    }
}
