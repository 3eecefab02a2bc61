using ActorBroker.Actors;
using ActorBroker.Cluster.Sharding;

namespace ActorBroker.Cluster.Tests.Sharding;

public sealed class ShardingSerializationTests : TestKit.TestKit
{
    public ShardingSerializationTests() => ShardingSerialization.Register(Sys);

    private T RoundTrip<T>(T message) where T : notnull
    {
        var payload = Sys.Serialization.Serialize(message);
        return (T)Sys.Serialization.Deserialize(payload.Payload, payload.SerializerId, payload.Manifest);
    }

    [Fact]
    public void A_sharding_envelope_keeps_its_entity_id_and_wraps_the_message_with_its_own_serializer()
    {
        var payload = Sys.Serialization.Serialize(new ShardingEnvelope("orders-0", "hello"));

        Assert.Equal(ShardingMessageSerializer.Id, payload.SerializerId);
        var back = (ShardingEnvelope)Sys.Serialization.Deserialize(payload.Payload, payload.SerializerId, payload.Manifest);
        Assert.Equal(new ShardingEnvelope("orders-0", "hello"), back);
    }

    [Fact]
    public void A_truncated_envelope_fails_as_a_serialization_error()
    {
        var payload = Sys.Serialization.Serialize(new ShardingEnvelope("orders-0", "hello"));

        Assert.Throws<Actors.Serialization.SerializationException>(() => Sys.Serialization.Deserialize(payload.Payload.AsSpan(0, 5), payload.SerializerId, payload.Manifest));
    }

    [Fact]
    public void Control_messages_and_events_round_trip_with_their_actor_refs()
    {
        var register = RoundTrip(new Register(TestActor, ["1", "2"]));
        Assert.Equal(TestActor, register.ShardRegion);
        Assert.Equal(["1", "2"], register.HostedShards);

        Assert.Equal(new ShardHome("7", TestActor), RoundTrip(new ShardHome("7", TestActor)));
        Assert.Equal(new ShardHomeAllocated("7", TestActor), RoundTrip(new ShardHomeAllocated("7", TestActor)));
        var address = Address.Parse("abroker.tcp://sys@127.0.0.1:2552");
        Assert.Equal(new ShardLocationUpdated("7", address), RoundTrip(new ShardLocationUpdated("7", address)));
        Assert.Equal(new UpdateShardLocation("7", address), RoundTrip(new UpdateShardLocation("7", address)));
    }

    [Fact]
    public void Query_replies_round_trip()
    {
        var address = Address.Parse("abroker.tcp://sys@127.0.0.1:2552");

        var stats = RoundTrip(new ClusterShardingStats([new RegionShards(address, ["1", "2"])]));
        var region = Assert.Single(stats.Regions);
        Assert.Equal(address, region.Address);
        Assert.Equal(["1", "2"], region.ShardIds);
        var state = RoundTrip(new CurrentShardRegionState([new ShardState("1", ["a", "b"])]));
        Assert.Equal(["a", "b"], Assert.Single(state.Shards).EntityIds);
        Assert.Equal(address, RoundTrip(new ShardLocations(new Dictionary<string, Address> { ["1"] = address })).Locations["1"]);
        Assert.IsType<GetShardRegionState>(RoundTrip(GetShardRegionState.Instance));
    }
}
