using ActorBroker.Actors;
using ActorBroker.Cluster.Client;

namespace ActorBroker.Cluster.Tests.Client;

public sealed class MessageBufferTests
{
    [Fact]
    public void A_full_buffer_evicts_the_oldest_and_keeps_the_order_of_the_rest()
    {
        var buffer = new MessageBuffer(2);

        Assert.Null(buffer.Add("a", ActorRefs.Nobody));
        Assert.Null(buffer.Add("b", ActorRefs.Nobody));
        var evicted = buffer.Add("c", ActorRefs.Nobody);

        Assert.Equal("a", evicted?.Message);
        Assert.Equal(["b", "c"], buffer.DrainAll().Select(e => e.Message));
        Assert.Equal(0, buffer.Count);
    }

    [Fact]
    public void A_zero_capacity_buffer_hands_every_message_straight_back()
    {
        var buffer = new MessageBuffer(0);

        Assert.Equal("a", buffer.Add("a", ActorRefs.Nobody)?.Message);
        Assert.Equal(0, buffer.Count);
    }
}
