using ActorBroker.Kafka.Records;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Records;
using KafkaProduceRequest = ActorBroker.Kafka.Messages.ProduceRequest;

namespace ActorBroker.Kafka.Apis;

/// <summary>
/// What the door decides about a produce before the broker sees it: the checks Kafka's ReplicaManager and
/// ProduceRequest make on the request as sent. The partition still validates the batch itself (CRC, records,
/// max.message.bytes, compression), so nothing here duplicates the broker's rules.
/// </summary>
internal static class ProduceRules
{
    /// <summary>
    /// The request-wide refusal, if any: a transactional id (Kafka answers TRANSACTIONAL_ID_AUTHORIZATION_FAILED when the
    /// producer may not use the id; this node serves no transactions, so no id is authorized), or acks other than
    /// -1, 0 and 1 (INVALID_REQUIRED_ACKS, as Kafka's KafkaApis checks before appending).
    /// </summary>
    public static (short Error, string? Message) CheckRequest(KafkaProduceRequest request)
    {
        if (request.TransactionalId is not null)
            return (Wire.KafkaErrorCodes.TransactionalIdAuthorizationFailed,
                $"transactional id '{request.TransactionalId}' refused: this broker does not serve transactions");
        if (request.Acks is not (-1 or 0 or 1))
            return ((short)ErrorCode.InvalidRequiredAcks, $"acks must be -1 (all), 0 or 1, was {request.Acks}");
        return (Wire.KafkaErrorCodes.None, null);
    }

    /// <summary>
    /// The one batch of a partition's record set. Kafka requires exactly one v2 batch per partition from Produce v3 on
    /// (INVALID_RECORD otherwise, null and empty sets included); a set whose framing does not add up gets the split's error.
    /// </summary>
    public static (ErrorCode Error, string? Message, RecordBatch? Batch) SingleBatch(ReadOnlyMemory<byte>? records)
    {
        if (records is not { } bytes) return (ErrorCode.InvalidRecord, "the record set is null; Produce v3+ needs exactly one batch", null);
        var split = RecordSet.Split(bytes);
        if (!split.Succeeded) return (split.Error, split.Message, null);
        return split.Batches.Count == 1
            ? (ErrorCode.None, null, split.Batches[0])
            : (ErrorCode.InvalidRecord, $"the record set holds {split.Batches.Count} batches; Produce v3+ needs exactly one", null);
    }
}
