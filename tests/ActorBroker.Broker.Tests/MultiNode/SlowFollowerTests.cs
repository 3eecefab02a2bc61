using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using Xunit.Abstractions;

namespace ActorBroker.Broker.Tests.MultiNode;

/// <summary>
/// A follower that stops keeping up leaves the ISR and comes back once it caught up. The split-brain resolver waits
/// 60 s here: keep-majority would otherwise down both ends of a single cut link after stable-after.
/// </summary>
[Collection(BrokerNodesCollection.Name)]
public sealed class SlowFollowerTests(ITestOutputHelper output)
    : ReplicationTestBase(output, "akka.cluster.split-brain-resolver.stable-after = 60s")
{
    [Fact]
    public async Task A_follower_cut_off_beyond_the_lag_time_leaves_the_isr_and_rejoins_when_the_link_heals()
    {
        var nodes = await StartBrokersAsync(3);
        var topic = await CreateReplicatedTopicAsync(nodes, "slow", 1, 3);
        var partition = new TopicPartition("slow", 0);
        var leader = NodeById(nodes, topic.Partitions[0].Leader!);
        var slow = nodes.First(n => n != leader && n != ControllerNodeOf(nodes));
        var slowId = NodeIdOf(slow);

        // Akka's transport adapters cannot delay a link, so the follower's link to the leader is cut instead: its fetches
        // stop arriving, past replica-lag-time-max (1 s). It stays a member (the resolver waits 60 s here).
        await Nodes.BlackholeAsync(leader, slow);
        var number = 0;
        await AwaitAsyncTask(async () =>
        {
            await ProduceNumberAsync(() => [leader], partition, number++, Acks.Leader);
            return !Brokers[leader].Metadata.Current.Topics["slow"].Partitions[0].Isr.Contains(slowId);
        }, "the cut-off follower left the ISR");
        Assert.Contains(slowId, Brokers[leader].Metadata.Current.Topics["slow"].Partitions[0].Replicas);

        await Nodes.HealAllAsync();
        await AwaitAsync(leader, () => Brokers[leader].Metadata.Current.Topics["slow"].Partitions[0].Isr.Contains(slowId), "the healed follower rejoined the ISR");
        AssertInOrderOnce(Enumerable.Range(0, number), await ReadAllAsync(leader, partition));
        // Rejoining means it caught up: it holds every batch the leader had when it asked.
        Assert.True((await LiveBatchesAsync(topic.TopicId, partition, slow)).Count >= number);
    }
}
