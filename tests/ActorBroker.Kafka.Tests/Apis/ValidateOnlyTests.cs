using ActorBroker.Broker;
using ActorBroker.Broker.Metadata;
using ActorBroker.Kafka.Apis.Admin;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;

namespace ActorBroker.Kafka.Tests.Apis;

/// <summary>validate_only's checks against a node's metadata image: the controller's rules, in its order, creating nothing.</summary>
public class ValidateOnlyTests
{
    private static readonly BrokerSettings Settings = new() { DefaultPartitions = 3, DefaultReplicationFactor = 2, MaxPartitions = 10 };
    private static readonly Dictionary<string, string> NoConfigs = [];

    private static readonly MetadataImage Image = new(1, 1, [new BrokerNode("a:1", "/a"), new BrokerNode("b:1", "/b")],
        new Dictionary<string, TopicImage> { ["orders"] = Topic("orders", 4, replicas: 2) },
        new Dictionary<string, TopicImage> { ["leaving"] = Topic("leaving", 1, replicas: 1) });

    [Theory]
    [InlineData("new", 2, 2, ErrorCode.None)]
    [InlineData("new", -1, -1, ErrorCode.None)] // the defaults: 3 partitions, replication factor 2
    [InlineData("bad name", 1, 1, ErrorCode.InvalidTopic)]
    [InlineData("orders", 1, 1, ErrorCode.TopicAlreadyExists)]
    [InlineData("leaving", 1, 1, ErrorCode.TopicAlreadyExists)] // still deleting its logs
    [InlineData("new", 0, 1, ErrorCode.InvalidPartitions)]
    [InlineData("new", 6, 1, ErrorCode.InvalidPartitions)] // 4 + 1 + 6 > max-partitions 10
    [InlineData("new", 1, 0, ErrorCode.InvalidReplicationFactor)]
    [InlineData("new", 1, 3, ErrorCode.InvalidReplicationFactor)] // two live nodes
    public void Create_topic_is_checked_in_the_controllers_order(string name, int partitions, short replicationFactor, ErrorCode expected)
    {
        var (error, message) = ValidateOnly.CreateTopic(Image, Settings, name, partitions, replicationFactor, NoConfigs);

        Assert.Equal(expected, error);
        Assert.Equal(expected == ErrorCode.None, message is null);
    }

    [Fact]
    public void A_bad_config_is_invalid_config_naming_the_key()
    {
        var (error, message) = ValidateOnly.CreateTopic(Image, Settings, "new", 1, 1, new Dictionary<string, string> { [TopicConfig.MinInsyncReplicasKey] = "0" });

        Assert.Equal(ErrorCode.InvalidConfig, error);
        Assert.Contains(TopicConfig.MinInsyncReplicasKey, message);
    }

    [Theory]
    [InlineData("orders", 5, ErrorCode.None)]
    [InlineData("orders", 4, ErrorCode.InvalidPartitions)] // no growth
    [InlineData("orders", 3, ErrorCode.InvalidPartitions)] // partitions are never removed
    [InlineData("orders", 10, ErrorCode.InvalidPartitions)] // 5 + 6 more > max-partitions 10
    [InlineData("missing", 5, ErrorCode.UnknownTopicOrPartition)]
    [InlineData("leaving", 5, ErrorCode.UnknownTopicOrPartition)]
    public void Create_partitions_is_checked_against_the_topics_current_count(string name, int total, ErrorCode expected)
    {
        Assert.Equal(expected, ValidateOnly.CreatePartitions(Image, Settings, name, total).Error);
    }

    [Fact]
    public void Growing_a_topic_needs_as_many_live_nodes_as_its_replication_factor()
    {
        var oneNode = Image with { Nodes = [new BrokerNode("a:1", "/a")] };

        Assert.Equal(ErrorCode.InvalidReplicationFactor, ValidateOnly.CreatePartitions(oneNode, Settings, "orders", 5).Error);
    }

    private static TopicImage Topic(string name, int partitions, int replicas) => new(name, Guid.NewGuid(), new Dictionary<string, string>(), TopicConfig.Default,
        [.. Enumerable.Range(0, partitions).Select(p => new PartitionImage(p, [.. new[] { "a:1", "b:1" }.Take(replicas)], "a:1", 0, ["a:1"]))]);
}
