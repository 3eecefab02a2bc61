using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;

namespace ActorBroker.Broker.Routing;

/// <summary>The typed error answer to a data-path request (produce, fetch, list offsets), with its correlation id.</summary>
internal static class RequestErrors
{
    /// <summary>The partition a data-path request is for; false for any other message.</summary>
    public static bool TryGetPartition(object request, out TopicPartition partition)
    {
        partition = request switch
        {
            ProduceRequest r => r.Partition,
            FetchRequest r => r.Partition,
            ListOffsetsRequest r => r.Partition,
            _ => default,
        };
        return request is ProduceRequest or FetchRequest or ListOffsetsRequest;
    }

    /// <summary>The response that reports <paramref name="error"/>, or null when none is due (an acks=0 produce is never answered).</summary>
    public static object? ResponseTo(object request, ErrorCode error, string message) => request switch
    {
        ProduceRequest { Acks: Acks.None } => null,
        ProduceRequest r => ProduceResponse.Failed(r.Partition, error, message, r.CorrelationId),
        FetchRequest r => FetchResponse.Failed(r.Partition, error, message, r.CorrelationId),
        ListOffsetsRequest r => new ListOffsetsResponse(r.Partition, error, -1, -1, message, r.CorrelationId),
        _ => null,
    };
}
