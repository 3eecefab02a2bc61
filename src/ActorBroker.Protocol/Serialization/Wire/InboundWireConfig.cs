using Akka.Configuration;

namespace ActorBroker.Protocol.Serialization.Wire;

/// <summary>
/// The serializer replacements that decide what a system accepts from the network (inbound-wire.conf, embedded):
/// refused type-naming serializers and guards on the serializers whose messages nest. Part of
/// <see cref="ProtocolAkkaSerialization.Config"/>, so nodes and clients load it with the contract's bindings. It takes
/// over Akka's serializer names, so it must sit above Akka modules' <c>DefaultConfig()</c> in a system's config:
/// beneath them, Akka builds its own serializer with the guard's settings and the system fails to start.
/// </summary>
internal static class InboundWireConfig
{
    private const string Resource = "ActorBroker.Protocol.inbound-wire.conf";

    public static Config Config { get; } = Load();

    private static Config Load()
    {
        using var stream = typeof(InboundWireConfig).Assembly.GetManifestResourceStream(Resource)
                           ?? throw new InvalidOperationException($"{Resource} is not embedded in {typeof(InboundWireConfig).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return ConfigurationFactory.ParseString(reader.ReadToEnd());
    }
}
