using ActorBroker.Broker.Controller;
using ActorBroker.Broker.Membership;
using ActorBroker.Broker.Metadata;
using ActorBroker.Broker.Partitions;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using ActorBroker.Protocol.Security;

namespace ActorBroker.Broker.Tests.Serialization;

/// <summary>One filled-in instance of every message and controller event the broker codec encodes, nulls and empties included.</summary>
internal static class BrokerSamples
{
    private static readonly TopicPartition Tp = new("orders", 2);
    private static readonly Guid TopicId = Guid.Parse("0d9f4c1e-5b7a-4c3e-9a51-2f6e8b0c7d14");
    private static readonly PartitionAssignment Led = new(["n1", "n2", "n3"], "n1", 4, ["n1", "n2"], 9);
    private static readonly PartitionAssignment Offline = new(["n2"], null, 1, [], 2);

    public static ScramCredential Alice { get; } = ScramCredential.Create(ScramMechanism.ScramSha256, "alice-secret", salt: [1, 2, 3, 4, 5, 6, 7, 8]);

    public static AclBinding ReadOrders { get; } =
        new(AclResourceType.Topic, "orders", AclPatternType.Literal, "User:alice", "*", AclOperation.Read, AclPermission.Allow);

    public static AclBinding DenyAll { get; } =
        new(AclResourceType.Cluster, AclBinding.ClusterName, AclPatternType.Prefixed, "User:*", "10.0.0.1", AclOperation.All, AclPermission.Deny);

    public static MetadataImage Image { get; } = new(
        (3L << 32) | 17, 3,
        [new BrokerNode("n1", "akka.tcp://broker@127.0.0.1:2552/user/broker"), new BrokerNode("n2", "akka.tcp://broker@127.0.0.1:2553/user/broker")],
        new Dictionary<string, TopicImage>
        {
            ["orders"] = new("orders", TopicId, new Dictionary<string, string> { ["min.insync.replicas"] = "2" },
                TopicConfig.Default with { MinInsyncReplicas = 2, UncleanLeaderElectionEnable = true },
                [new PartitionImage(0, ["n1", "n2"], "n1", 4, ["n1"], 9), new PartitionImage(1, ["n2"], null, 0, [], 0)]),
        },
        new Dictionary<string, TopicImage>
        {
            ["old"] = new("old", Guid.NewGuid(), new Dictionary<string, string>(), TopicConfig.Default, []),
        })
    {
        Security = new SecurityImage(
            new Dictionary<string, IReadOnlyList<ScramCredential>>
            {
                ["alice"] = [Alice, ScramCredential.Create(ScramMechanism.ScramSha512, "alice-secret", ScramCredential.MaxIterations)],
                ["bob"] = [],
            },
            [ReadOrders, DenyAll]),
    };

    public static IEnumerable<object> All()
    {
        yield return new RegisterMetadataCache("n1");
        yield return new MetadataCacheRegistered(3);
        yield return new ReRegisterMetadataCache(3);
        yield return new MetadataStored("n1", 42);
        yield return new UpdateMetadata(Image);
        yield return new UpdateMetadata(MetadataImage.Empty);
        yield return new StoreMetadata(Image);
        yield return new MetadataUpdated(Image.Version);
        yield return new GetLocalImage(4);
        yield return new LocalImage("n2", Image);
        yield return new DeletePartition(Tp, TopicId);
        yield return new PartitionDeleted(Tp, TopicId, ErrorCode.None, null);
        yield return new AlterPartition(Tp, TopicId, "n1", 4, 9, ["n1", "n3"]);
        yield return new AlterPartitionResponse(Tp, ErrorCode.FencedLeaderEpoch, "n2 leads in epoch 5", "n2", 5, 10, ["n2"]);
        yield return new LeaderEpochEndOffsetRequest(Tp, 5, 3, "n3", 77);
        yield return new LeaderEpochEndOffsetResponse(Tp, ErrorCode.None, 3, 1200, null, 77);
        yield return LinkViewRequest.Instance;
        yield return new LinkView("akka.tcp://broker@127.0.0.2:2552", ["akka.tcp://broker@127.0.0.3:2552"]);
        yield return new LinkView("akka.tcp://broker@127.0.0.2:2552", []);
        yield return new ControllerStarted(7);
        yield return new TopicCreated("orders", TopicId, new Dictionary<string, string> { ["retention.ms"] = "-1" }, [Led, Offline]);
        yield return new PartitionsCreated("orders", TopicId, [Led]);
        yield return new TopicDeletionStarted("orders", TopicId);
        yield return new TopicDeleted("orders", TopicId);
        yield return new LeaderAndIsrChanged([new PartitionChange("orders", TopicId, 0, Led), new PartitionChange("orders", TopicId, 1, Offline)], "node n3 left");
        yield return new PartitionReassignmentStarted("orders", TopicId, 1, ["n3", "n1"], Led);
        yield return new PartitionReassignmentCompleted("orders", TopicId, 1, Led);
        yield return new ControllerStateAdopted(8, Image.Version, "n2",
            [new TopicState("orders", TopicId, new Dictionary<string, string>(), [Led])], [new TopicState("old", Guid.NewGuid(), new Dictionary<string, string>(), [])],
            Image.Security);
        yield return new UserCredentialSet("alice", Alice);
        yield return new UserCredentialRemoved("alice", ScramMechanism.ScramSha512);
        yield return new AclsAdded([ReadOrders, DenyAll]);
        yield return new AclsRemoved([DenyAll]);
    }
}
