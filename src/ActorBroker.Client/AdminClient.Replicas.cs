using ActorBroker.Client.Verification;
using ActorBroker.Protocol;
using Akka.Actor;

namespace ActorBroker.Client;

public sealed partial class AdminClient
{
    /// <summary>
    /// Reads every replica of every partition of <paramref name="topic"/> from its own node (Kafka's
    /// kafka-replica-verification does the same with debugging fetches) and compares them byte for byte up to the
    /// lowest high watermark. Meant for a quiet topic, after writes stopped: on a live one, followers' high watermarks
    /// trail the leader's by a fetch, which the result reports as a difference in high watermarks, not in bytes.
    /// </summary>
    public async Task<ReplicaComparison> CompareReplicasAsync(string topic, CancellationToken cancellationToken = default)
    {
        var metadata = await MetadataAsync([topic], cancellationToken).ConfigureAwait(false);
        var info = metadata.Topics.SingleOrDefault(t => t.Name == topic);
        if (info is null || info.Error is not ErrorCode.None and not ErrorCode.LeaderNotAvailable)
            throw new BrokerException(info?.Error ?? ErrorCode.UnknownTopicOrPartition, $"topic '{topic}': {info?.Error ?? ErrorCode.UnknownTopicOrPartition}");
        var fronts = metadata.Nodes.ToDictionary(n => n.Id, n => ResolveFront(n.BrokerPath));
        var partitions = new List<PartitionReplicaComparison>();
        foreach (var partition in info.Partitions)
        {
            var replicas = partition.Replicas
                .Select(node => new ReplicaReader(node, fronts.GetValueOrDefault(node), new TopicPartition(topic, partition.Partition), _settings))
                .ToList();
            partitions.Add(await ReplicaComparer.CompareAsync(partition.Partition, replicas, cancellationToken).ConfigureAwait(false));
        }

        return new ReplicaComparison(topic, partitions);
    }

    private IActorRef? ResolveFront(string brokerPath) =>
        ActorPath.TryParse(brokerPath, out var path) ? ((ExtendedActorSystem)_connection.System).Provider.ResolveActorRef(path) : null;
}
