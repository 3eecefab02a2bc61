using ActorBroker.Kafka.Wire;

namespace ActorBroker.Kafka.Messages;

/// <summary>
/// Produce (key 0) v3–v9, flexible from v9. v3 is the first version whose record sets must be format v2 (magic 2);
/// v10+ adds tagged leader hints to the response and is not served.
/// </summary>
/// <param name="TransactionalId">Null unless the producer is transactional (transactions are not served yet).</param>
/// <param name="Acks">0, 1 or -1 (all in-sync replicas).</param>
public sealed record ProduceRequest(string? TransactionalId, short Acks, int TimeoutMs, IReadOnlyList<ProduceTopicData> Topics)
{
    public static readonly ApiVersionRange Versions = new(ApiKey.Produce, 3, 9, 9);

    public static ProduceRequest Read(ref KafkaReader reader, short version)
    {
        var transactionalId = version >= 3 ? reader.NullableString() : null;
        var acks = reader.Int16();
        var timeoutMs = reader.Int32();
        var topics = new ProduceTopicData[reader.RequiredArrayLength(minElementBytes: 2)];
        for (var t = 0; t < topics.Length; t++)
        {
            var name = reader.String();
            var partitions = new ProducePartitionData[reader.RequiredArrayLength(minElementBytes: 5)];
            for (var p = 0; p < partitions.Length; p++)
            {
                var index = reader.Int32();
                var records = reader.NullableBytes(out var isNull);
                // A copy: the span points into the connection's receive buffer, which the next request overwrites.
                // The cast matters: a null byte[] would convert to an empty ReadOnlyMemory, not to null.
                partitions[p] = new ProducePartitionData(index, isNull ? null : (ReadOnlyMemory<byte>?)records.ToArray());
                reader.TaggedFields();
            }

            topics[t] = new ProduceTopicData(name, partitions);
            reader.TaggedFields();
        }

        reader.TaggedFields();
        return new ProduceRequest(transactionalId, acks, timeoutMs, topics);
    }
}

public sealed record ProduceTopicData(string Name, IReadOnlyList<ProducePartitionData> Partitions);

/// <param name="Records">
/// The record set as sent, owned by this record (null if the client sent null): one or more v2 batches back to back;
/// <see cref="ActorBroker.Kafka.Records.RecordSet.Split"/> frames them.
/// </param>
public sealed record ProducePartitionData(int Index, ReadOnlyMemory<byte>? Records);
