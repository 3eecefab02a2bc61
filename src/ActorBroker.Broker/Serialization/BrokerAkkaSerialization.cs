using ActorBroker.Broker.Partitions;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Serialization;
using Akka.Configuration;

namespace ActorBroker.Broker.Serialization;

/// <summary>
/// The Akka.NET configuration that binds everything a broker node sends to another node or writes to its journal to a
/// binary serializer of the project's: the contract's messages, the broker's control messages and controller events,
/// and the partition log's events. A broker node's config falls back on it.
/// </summary>
public static class BrokerAkkaSerialization
{
    public static Config Config { get; } =
        AkkaSerializerBindings.Of("actorbroker-broker", typeof(BrokerAkkaSerializer), BrokerCodec.MessageTypes)
            .WithFallback(AkkaSerializerBindings.Of("actorbroker-partition-events", typeof(PartitionEventAkkaSerializer), PartitionEventCodec.EventTypes))
            .WithFallback(ProtocolAkkaSerialization.Config);
}
