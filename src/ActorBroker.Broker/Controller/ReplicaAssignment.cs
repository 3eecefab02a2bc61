namespace ActorBroker.Broker.Controller;

/// <summary>
/// Kafka's rack-unaware replica assignment (<c>AdminUtils.assignReplicasToBrokers</c>): the first replicas go round-robin
/// over the brokers from a start index, so leaders spread evenly; the other replicas follow at a shift that grows by
/// one each time the partitions wrap around the brokers, so followers spread too. Replicas of one partition are
/// always distinct brokers.
/// </summary>
internal static class ReplicaAssignment
{
    /// <summary>Replica lists for partitions <paramref name="firstPartition"/> onwards.</summary>
    /// <param name="brokers">Live broker ids in a stable order (sorted).</param>
    /// <param name="startIndex">The broker of the first partition's first replica (Kafka picks it at random for a new topic).</param>
    /// <param name="replicaShift">Where the followers start (Kafka: random for a new topic, the start index when adding partitions).</param>
    public static List<IReadOnlyList<string>> Assign(
        IReadOnlyList<string> brokers, int partitions, int replicationFactor, int startIndex, int replicaShift, int firstPartition = 0)
    {
        var count = brokers.Count;
        if (replicationFactor < 1 || replicationFactor > count)
            throw new ArgumentOutOfRangeException(nameof(replicationFactor), $"replication factor {replicationFactor} needs between 1 and {count} brokers");
        var result = new List<IReadOnlyList<string>>(partitions);
        var shift = replicaShift;
        for (var partition = firstPartition; partition < firstPartition + partitions; partition++)
        {
            if (partition > 0 && partition % count == 0) shift++;
            var first = (partition + startIndex) % count;
            var replicas = new string[replicationFactor];
            replicas[0] = brokers[first];
            for (var j = 0; j < replicationFactor - 1; j++) replicas[j + 1] = brokers[ReplicaIndex(first, shift, j, count)];
            result.Add(replicas);
        }

        return result;
    }

    /// <summary>Kafka's start index when adding partitions: where partition 0's first replica is among today's brokers.</summary>
    public static int StartIndexFor(IReadOnlyList<string> brokers, string firstReplicaOfPartition0)
    {
        // Kafka takes the first broker whose id is at or above partition 0's leader, so a departed leader still anchors the pattern.
        for (var i = 0; i < brokers.Count; i++)
        {
            if (string.CompareOrdinal(brokers[i], firstReplicaOfPartition0) >= 0) return i;
        }

        return 0;
    }

    private static int ReplicaIndex(int firstReplicaIndex, int shift, int replicaIndex, int brokerCount) =>
        (firstReplicaIndex + 1 + (shift + replicaIndex) % (brokerCount - 1)) % brokerCount;
}
