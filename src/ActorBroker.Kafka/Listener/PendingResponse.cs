using ActorBroker.Kafka.Apis;
using ActorBroker.Kafka.Wire;

namespace ActorBroker.Kafka.Listener;

/// <summary>
/// A request whose handling has started, queued in arrival order: the write loop awaits <see cref="Response"/> and
/// sends it in <see cref="ResponseVersion"/> with the request's correlation id.
/// </summary>
/// <param name="ClosesConnection">Nothing more is read, and the connection closes once this response is sent (a failed authentication).</param>
internal sealed record PendingResponse(
    KafkaApiHandler Handler,
    RequestHeader Header,
    short ResponseVersion,
    object? Request,
    Task<IKafkaResponse?> Response,
    bool ClosesConnection = false);
