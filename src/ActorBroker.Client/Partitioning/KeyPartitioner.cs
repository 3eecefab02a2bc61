namespace ActorBroker.Client.Partitioning;

/// <summary>Kafka's default partitioner for records with a key: <c>toPositive(murmur2(key)) % partitions</c>.</summary>
public static class KeyPartitioner
{
    public static int Partition(ReadOnlySpan<byte> key, int partitionCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(partitionCount);
        return Murmur2.ToPositive(Murmur2.Hash(key)) % partitionCount;
    }
}
