namespace ActorBroker.Remote.Transport;

/// <summary>
/// A frame that cannot be read (oversized, truncated, unknown kind, bad text). The connection that sent it is
/// closed with this message as the logged reason; the node itself carries on.
/// </summary>
public sealed class FrameFormatException(string message) : Exception(message);
