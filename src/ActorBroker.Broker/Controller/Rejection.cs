using ActorBroker.Protocol;

namespace ActorBroker.Broker.Controller;

/// <summary>Why the controller refuses a request: a Kafka error code and a message that says what to change.</summary>
internal readonly record struct Rejection(ErrorCode Error, string Message);
