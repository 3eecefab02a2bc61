using ActorBroker.Protocol.Messages;
using Akka.Actor;

namespace ActorBroker.Client.Tests.Support;

/// <summary>
/// A stand-in for a broker node's front actor at <c>/user/broker</c> on a real cluster member: metadata and admin
/// requests go to a <see cref="FakeClusterEntry"/>, data requests to an <see cref="InMemoryNode"/>, both forwarded so
/// they answer the remote client directly. Lets the connection path (bootstrap, cluster client, remoting,
/// serialization, remote broker paths) be tested before the real broker exists.
/// </summary>
public sealed class FakeBrokerFront : ReceiveActor
{
    public FakeBrokerFront(string nodeId, ClusterModel model, PartitionLogs logs)
    {
        var metadata = Context.ActorOf(FakeClusterEntry.Props(model, logs), "metadata");
        var data = Context.ActorOf(InMemoryNode.Props(nodeId, model, logs), "data");
        logs.Listen(data);
        Receive<MetadataRequest>(m => metadata.Forward(m));
        Receive<CreateTopicRequest>(m => metadata.Forward(m));
        Receive<DeleteTopicRequest>(m => metadata.Forward(m));
        Receive<CreatePartitionsRequest>(m => metadata.Forward(m));
        Receive<ProduceRequest>(m => data.Forward(m));
        Receive<FetchRequest>(m => data.Forward(m));
        Receive<ListOffsetsRequest>(m => data.Forward(m));
    }

    public static Props Props(string nodeId, ClusterModel model, PartitionLogs logs) =>
        Akka.Actor.Props.Create(() => new FakeBrokerFront(nodeId, model, logs));
}
