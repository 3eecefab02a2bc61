using ActorBroker.Protocol.Messages;
using ActorBroker.Protocol.Records;
using ActorBroker.Protocol.Security;

namespace ActorBroker.Protocol.Tests;

/// <summary>One filled-in instance of every message of the broker contract, nulls and empty lists included somewhere.</summary>
internal static class ProtocolSamples
{
    public static readonly TopicPartition Tp = new("orders.eu-west", 3);

    public static RecordBatch Batch(long baseOffset, int records, int valueBytes = 2)
    {
        using var builder = new RecordBatchBuilder();
        for (var i = 0; i < records; i++) builder.TryAppend(i, [1, 2, 3], new byte[valueBytes]);
        return builder.Build().WithOffsets(baseOffset, 0);
    }

    public static IEnumerable<object> All()
    {
        yield return new ProduceRequest(Tp, Acks.All, 30_000, Batch(0, 4), 77);
        yield return new ProduceRequest(Tp, Acks.Leader, 30_000, [Batch(0, 4), Batch(0, 2), Batch(0, 7)], 78);
        yield return ProduceResponse.Failed(Tp, ErrorCode.RecordTooLarge, "too big", 2);
        yield return new FetchRequest(Tp, 5, 1 << 20, 1, 500, 4, "127.0.0.1:9093", 3);
        yield return new FetchResponse(Tp, ErrorCode.None, 9, 0, [Batch(0, 4), Batch(4, 5)], null, 8);
        yield return new ListOffsetsRequest(Tp, ListOffsetsRequest.Earliest, 4);
        yield return new ListOffsetsResponse(Tp, ErrorCode.None, 1000, 17, null, 4);
        yield return new MetadataRequest(null, 5);
        yield return new MetadataRequest(["orders", "payments"], 6);
        yield return new MetadataResponse(
            [new BrokerNode("127.0.0.1:2552", "akka.tcp://broker@127.0.0.1:2552/user/broker"), new BrokerNode("127.0.0.1:2553", "akka.tcp://broker@127.0.0.1:2553/user/broker")],
            [
                new TopicMetadata("orders", Guid.NewGuid(), ErrorCode.None,
                    [new PartitionMetadata(0, ErrorCode.None, "127.0.0.1:2552", 3, ["127.0.0.1:2552", "127.0.0.1:2553"], ["127.0.0.1:2552"]),
                     new PartitionMetadata(1, ErrorCode.LeaderNotAvailable, null, 0, ["127.0.0.1:2553"], [])],
                    new Dictionary<string, string> { ["retention.ms"] = "60000", ["min.insync.replicas"] = "2" }),
                new TopicMetadata("missing", Guid.Empty, ErrorCode.UnknownTopicOrPartition, [], new Dictionary<string, string>()),
            ],
            42, 7);
        yield return new CreateTopicRequest("orders", 3, 3, new Dictionary<string, string> { ["min.insync.replicas"] = "2" }, 8);
        yield return new DeleteTopicRequest("orders", 9);
        yield return new CreatePartitionsRequest("orders", 6, 10);
        yield return new TopicAdminResponse("orders", ErrorCode.TopicAlreadyExists, "topic 'orders' already exists", 11);
        yield return new AlterPartitionReassignmentsRequest("orders", 2, ["127.0.0.1:2553", "127.0.0.1:2552"], 12);
        yield return new DescribeClusterRequest(13);
        yield return new DescribeClusterResponse("akka.tcp://broker@127.0.0.1:2552", null,
            [new ClusterMember("akka.tcp://broker@127.0.0.1:2552", 42, "Up", true, ["broker"]), new ClusterMember("akka.tcp://broker@127.0.0.1:2553", -7, "Down", false, [])],
            "akka.tcp://broker@127.0.0.1:2552", new Dictionary<string, int> { ["akka.tcp://broker@127.0.0.1:2552"] = 3 }, 14);
        yield return new DescribeClusterResponse("akka.tcp://broker@127.0.0.1:2552", "akka.tcp://broker@127.0.0.1:2552", [], null, null, 15);
        var acl = new AclBinding(AclResourceType.Topic, "orders.", AclPatternType.Prefixed, "User:alice", "*", AclOperation.Write, AclPermission.Allow);
        yield return new AlterUserCredentialRequest("alice", ScramMechanism.ScramSha256, ScramCredential.Create(ScramMechanism.ScramSha256, "pw", salt: new byte[16]), 16);
        yield return new AlterUserCredentialRequest("alice", ScramMechanism.ScramSha512, null, 17);
        yield return new CreateAclsRequest([acl], 18);
        yield return new DeleteAclsRequest([acl, acl with { Permission = AclPermission.Deny, Host = "10.1.2.3" }], 19);
        yield return new SecurityAdminResponse(ErrorCode.ResourceNotFound, "user 'bob' has no SCRAM-SHA-256 credential", 0, 20);
        yield return new DescribeSecurityRequest(21);
        yield return new DescribeSecurityResponse([new UserDescription("alice", [ScramMechanism.ScramSha256, ScramMechanism.ScramSha512], [4096, 8192])], [acl], 22);
    }
}
