using ActorBroker.Broker.Metadata;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;

namespace ActorBroker.Broker.Tests.Metadata;

/// <summary>Small hand-made metadata images for tests of the actors that read them.</summary>
internal static class Images
{
    public static long Version(int epoch, uint change) => ((long)epoch << 32) | change;

    /// <summary>One topic whose partitions have the given leaders (null = offline), each the only replica.</summary>
    public static MetadataImage With(long version, string topic, Guid topicId, params string?[] leaders) =>
        new(version, (int)(version >> 32), [new BrokerNode("n1", "akka.tcp://broker@127.0.0.1:1/user/broker")],
            new Dictionary<string, TopicImage> { [topic] = Topic(topic, topicId, leaders) },
            new Dictionary<string, TopicImage>());

    public static TopicImage Topic(string topic, Guid topicId, params string?[] leaders) =>
        new(topic, topicId, new Dictionary<string, string> { ["retention.ms"] = "5" }, TopicConfig.Default with { RetentionMs = 5 },
            [.. leaders.Select((leader, i) => new PartitionImage(i, [leader ?? "down"], leader, 0, [leader ?? "down"]))]);
}
