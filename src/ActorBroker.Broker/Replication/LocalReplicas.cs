using System.Collections.Concurrent;
using Akka.Actor;
using ActorBroker.Protocol;

namespace ActorBroker.Broker.Replication;

/// <summary>
/// The partition replicas running on this node, by partition: written by the node's <see cref="ReplicaManager"/>,
/// read by the partition gateways (the sharded entities) to hand requests to the replica without asking anyone.
/// </summary>
internal sealed class LocalReplicas
{
    private readonly ConcurrentDictionary<TopicPartition, IActorRef> _replicas = new();

    public int Count => _replicas.Count;

    public bool TryGet(TopicPartition partition, out IActorRef replica) => _replicas.TryGetValue(partition, out replica!);

    internal void Set(TopicPartition partition, IActorRef replica) => _replicas[partition] = replica;

    /// <summary>Removes the entry only if it is still <paramref name="replica"/>: a newer replica of a re-created topic stays.</summary>
    internal void Remove(TopicPartition partition, IActorRef replica) =>
        _replicas.TryRemove(new KeyValuePair<TopicPartition, IActorRef>(partition, replica));
}
