using ActorBroker.Protocol.Serialization;
using ActorBroker.Protocol.Serialization.Wire;
using Akka.Configuration;

namespace ActorBroker.Protocol;

/// <summary>
/// The Akka.NET configuration that binds every message of the broker contract to <see cref="ProtocolAkkaSerializer"/>.
/// Broker nodes and client systems both add it (as a fallback of their own config, or with Akka.Hosting's
/// <c>AddHocon</c>); the bindings come from <see cref="ProtocolCodec.MessageTypes"/>, so a message added to the codec is
/// bound without a second list to keep in step. Beneath the bindings lie the rules for what a system accepts from
/// the network (<see cref="InboundWireConfig"/>): no serializer that loads a type named on the wire, and a depth
/// and fan-out bound on nested messages and actor selections.
/// </summary>
public static class ProtocolAkkaSerialization
{
    public const string SerializerName = "actorbroker-protocol";

    public static Config Config { get; } = AkkaSerializerBindings.Of(SerializerName, typeof(ProtocolAkkaSerializer), ProtocolCodec.MessageTypes)
        .WithFallback(InboundWireConfig.Config);
}
