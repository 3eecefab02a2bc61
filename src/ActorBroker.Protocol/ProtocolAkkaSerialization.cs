using ActorBroker.Protocol.Serialization;
using Akka.Configuration;

namespace ActorBroker.Protocol;

/// <summary>
/// The Akka.NET configuration that binds every message of the broker contract to <see cref="ProtocolAkkaSerializer"/>.
/// Broker nodes and client systems both add it (as a fallback of their own config, or with Akka.Hosting's
/// <c>AddHocon</c>); the bindings come from <see cref="ProtocolCodec.MessageTypes"/>, so a message added to the codec is
/// bound without a second list to keep in step.
/// </summary>
public static class ProtocolAkkaSerialization
{
    public const string SerializerName = "actorbroker-protocol";

    public static Config Config { get; } = AkkaSerializerBindings.Of(SerializerName, typeof(ProtocolAkkaSerializer), ProtocolCodec.MessageTypes);
}
