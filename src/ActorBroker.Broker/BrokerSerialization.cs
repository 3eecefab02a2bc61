using ActorBroker.Actors;
using ActorBroker.Actors.Serialization;
using ActorBroker.Broker.Controller;
using ActorBroker.Broker.Internal;
using ActorBroker.Broker.Metadata;
using ActorBroker.Broker.Partitions;

namespace ActorBroker.Broker;

/// <summary>
/// Binds the broker's control-plane messages and the controller's journal events to the JSON serializer (id 1), as
/// sharding does for its own: they are rare and small. The data path keeps the binary protocol serializer.
/// </summary>
internal static class BrokerSerialization
{
    private static readonly Type[] JsonTypes =
    [
        typeof(IControllerEvent),
        typeof(RegisterMetadataCache), typeof(MetadataCacheRegistered), typeof(UpdateMetadata), typeof(MetadataUpdated),
        typeof(DeletePartition), typeof(PartitionDeleted),
        typeof(AlterPartition), typeof(AlterPartitionResponse),
        typeof(LeaderEpochEndOffsetRequest), typeof(LeaderEpochEndOffsetResponse),
    ];

    public static void Register(ActorSystem system)
    {
        foreach (var type in JsonTypes) system.Serialization.Bind(type, JsonMessageSerializer.Id);
    }
}
