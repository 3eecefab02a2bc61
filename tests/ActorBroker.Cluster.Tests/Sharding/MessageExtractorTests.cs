using ActorBroker.Cluster.Sharding;

namespace ActorBroker.Cluster.Tests.Sharding;

public sealed class MessageExtractorTests
{
    [Theory]
    [InlineData("orders-0", 1613307333u)]
    [InlineData("orders-1", 975610716u)]
    [InlineData("topic-partition", 55278763u)]
    public void The_stable_hash_is_the_same_in_every_process_and_release(string entityId, uint expected) =>
        // Fixed values: shard ids computed from it are persisted, so a change would move entities.
        Assert.Equal(expected, HashCodeMessageExtractor.StableHash(entityId));

    [Fact]
    public void Shard_ids_are_the_stable_hash_modulo_the_number_of_shards()
    {
        var extractor = new HashCodeMessageExtractor(100);

        Assert.Equal("33", extractor.ShardId("orders-0"));
        Assert.Equal("16", extractor.ShardId("orders-1"));
        Assert.Same(extractor.ShardId("orders-0"), extractor.ShardId("orders-0"));
    }

    [Fact]
    public void Every_shard_id_is_within_range()
    {
        var extractor = new HashCodeMessageExtractor(7);

        for (var i = 0; i < 1000; i++)
        {
            var shard = int.Parse(extractor.ShardId($"entity-{i}"));
            Assert.InRange(shard, 0, 6);
        }
    }

    [Fact]
    public void The_default_extractor_unwraps_a_sharding_envelope_and_ignores_other_messages()
    {
        var extractor = new HashCodeMessageExtractor(10);
        var envelope = new ShardingEnvelope("orders-0", "payload");

        Assert.Equal("orders-0", extractor.EntityId(envelope));
        Assert.Equal("payload", extractor.EntityMessage(envelope));
        Assert.Null(extractor.EntityId("not for an entity"));
    }

    [Theory]
    [InlineData("orders-0")]
    [InlineData("a/b c")]
    [InlineData("$weird#id?")]
    [InlineData("..")]
    [InlineData("remember+entities")]
    public void Entity_names_are_valid_actor_names_and_decode_back(string id)
    {
        var name = EntityNames.Encode(id);

        Assert.Matches("^[A-Za-z0-9._~%-]+$", name); // a subset of what actor names allow
        Assert.NotEqual(".", name);
        Assert.NotEqual("..", name);
        Assert.DoesNotContain('+', name);
        Assert.Equal(id, EntityNames.Decode(name));
    }
}
