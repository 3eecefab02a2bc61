using ActorBroker.Kafka.Discovery;

namespace ActorBroker.Kafka.Tests.Discovery;

public class KafkaNodeIdsTests
{
    [Theory]
    // FNV-1a 32's published test vectors: "" is the offset basis 0x811C9DC5, "a" is 0xE40C292C, "foobar" 0xBF9CF968.
    [InlineData("", 0x011C9DC5)]
    [InlineData("a", 0x640C292C)]
    [InlineData("foobar", 0x3F9CF968)]
    public void A_node_id_maps_to_FNV_1a_32_of_its_utf8_bytes_without_the_sign_bit(string nodeId, int expected) =>
        Assert.Equal(expected, KafkaNodeIds.Of(nodeId));

    [Fact]
    public void Ids_are_non_negative_stable_and_differ_between_the_ports_of_one_host()
    {
        var ids = Enumerable.Range(2552, 200).Select(port => KafkaNodeIds.Of($"127.0.0.1:{port}")).ToList();
        Assert.All(ids, id => Assert.True(id >= 0));
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(ids[0], KafkaNodeIds.Of("127.0.0.1:2552"));
    }
}
