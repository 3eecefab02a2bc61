using ActorBroker.Actors;
using ActorBroker.Broker.Serialization;

namespace ActorBroker.Broker;

/// <summary>
/// Binds the broker's control-plane messages and the controller's journal events to the binary
/// <see cref="BrokerSerializer"/> on an in-project runtime system. The data path keeps the protocol serializer.
/// </summary>
internal static class BrokerSerialization
{
    public static void Register(ActorSystem system) => system.GetOrAddExtension(static s =>
    {
        s.Serialization.AddSerializer(new BrokerSerializer());
        foreach (var type in BrokerCodec.MessageTypes) s.Serialization.Bind(type, BrokerSerializer.Id);
        return new Registered();
    });

    private sealed class Registered;
}
