using ActorBroker.Actors;
using ActorBroker.Protocol.Serialization;

namespace ActorBroker.Protocol;

/// <summary>
/// Binds every message of the broker contract to the binary <see cref="ProtocolSerializer"/> on an in-project runtime
/// system. Both broker nodes and clients call <see cref="Register"/> once at start; calling it again is harmless.
/// </summary>
public static class ProtocolSerialization
{
    public static void Register(ActorSystem system)
    {
        system.Serialization.AddSerializer(new ProtocolSerializer());
        foreach (var type in ProtocolCodec.MessageTypes) system.Serialization.Bind(type, ProtocolSerializer.Id);
    }
}
