using Akka.Actor;
using ActorBroker.Broker.Metadata;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;

namespace ActorBroker.Broker.Replication;

/// <summary>Where a partition's replica actor lives on a node: <c>/user/replicas/{topic}-{partition}-{topic id}</c>.</summary>
internal static class ReplicaPaths
{
    /// <summary>Unique per topic incarnation, so a re-created topic's replica never clashes with the old one still deleting.</summary>
    public static string ChildName(TopicPartition partition, Guid topicId) => $"{partition}-{topicId:N}";

    /// <summary>The replica <paramref name="childName"/> on broker node <paramref name="nodeId"/>, or null when the image does not list that node.</summary>
    public static IActorRef? OnNode(ActorSystem system, MetadataImage image, string nodeId, string childName)
    {
        BrokerNode? node = null;
        foreach (var candidate in image.Nodes)
        {
            if (candidate.Id != nodeId) continue;
            node = candidate;
            break;
        }

        if (node is null || !ActorPath.TryParse(node.BrokerPath, out var front)) return null;
        var path = new RootActorPath(front.Address) / "user" / ReplicaManager.Name / childName;
        return ((ExtendedActorSystem)system).Provider.ResolveActorRef(path);
    }
}
