using ActorBroker.Broker.Internal;

namespace ActorBroker.Broker.ClusterPort;

/// <summary>
/// Where refusals of client certificates' frames are logged: handshakes apart from other frames, so that a client posing
/// as a node is not hidden in the count of a chatty client's dropped messages.
/// </summary>
internal sealed record ClientRefusalLogs(ThrottledLog Frames, ThrottledLog Handshakes);
