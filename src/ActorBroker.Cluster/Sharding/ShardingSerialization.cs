using ActorBroker.Actors;
using ActorBroker.Actors.Serialization;

namespace ActorBroker.Cluster.Sharding;

/// <summary>
/// Binds sharding's control messages, queries and journal events to the JSON serializer (id 1, which resolves
/// actor refs through the system), and <see cref="ShardingEnvelope"/> to <see cref="ShardingMessageSerializer"/>
/// (id 9). User messages are sent as themselves and need serializers of their own.
/// </summary>
internal static class ShardingSerialization
{
    private static readonly Type[] JsonTypes =
    [
        typeof(Register), typeof(RegisterProxy), typeof(RegisterAck), typeof(GetShardHome), typeof(ShardHome), typeof(HostShard),
        typeof(ShardStarted), typeof(BeginHandOff), typeof(BeginHandOffAck), typeof(HandOff), typeof(ShardStopped),
        typeof(ShardRegionRegistered), typeof(ShardRegionProxyRegistered), typeof(ShardRegionTerminated), typeof(ShardRegionProxyTerminated),
        typeof(ShardHomeAllocated), typeof(ShardHomeDeallocated), typeof(ShardLocationUpdated),
        typeof(RememberEntitiesStore.EntityStarted), typeof(RememberEntitiesStore.EntityStopped),
        typeof(GetShardRegionState), typeof(CurrentShardRegionState), typeof(GetCurrentRegions), typeof(CurrentRegions),
        typeof(GetClusterShardingStats), typeof(ClusterShardingStats), typeof(UpdateShardLocation), typeof(UpdateShardLocationDone),
        typeof(GetShardLocations), typeof(ShardLocations), typeof(Passivate),
    ];

    public static void Register(ActorSystem system)
    {
        foreach (var type in JsonTypes) system.Serialization.Bind(type, JsonMessageSerializer.Id);
        system.Serialization.Bind<ShardingEnvelope>(new ShardingMessageSerializer(system));
    }
}
