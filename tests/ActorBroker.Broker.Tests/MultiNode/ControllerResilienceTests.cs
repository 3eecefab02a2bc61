using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using Akka.Actor;
using Xunit.Abstractions;

namespace ActorBroker.Broker.Tests.MultiNode;

/// <summary>The controller under a failing journal, lost messages and partitions that do not confirm a deletion.</summary>
[Collection(BrokerNodesCollection.Name)]
public sealed class ControllerResilienceTests(ITestOutputHelper output)
    : BrokerClusterTestBase(output, "actorbroker.broker.controller.topic-deletion-timeout = 1s")
{
    [Fact]
    public async Task A_controller_whose_journal_fails_starts_again_with_a_new_epoch_and_the_caches_follow_it()
    {
        var nodes = await StartBrokersAsync(1);
        var node = nodes[0];
        AssertOk(await CreateTopicAsync(node, "before", 1));
        var epoch = (await AwaitConvergedAsync(nodes, i => i.Topics.ContainsKey("before"), "the cache has the topic")).ControllerEpoch;

        SharedMemoryJournal.FailControllerWrites(SharedStoreId, true);
        // The write fails, the controller stops, and until a fresh one runs admin requests are answered NotController.
        await AwaitConditionAsync(async () =>
        {
            try
            {
                return (await Brokers[node].Front.Ask<TopicAdminResponse>(new CreateTopicRequest("during", 1, 1, new Dictionary<string, string>(), NextCorrelationId()),
                    TimeSpan.FromMilliseconds(500))).Error == ErrorCode.NotController;
            }
            catch (AskTimeoutException)
            {
                return false; // sent to the instance that was failing
            }
        }, Long, TimeSpan.FromMilliseconds(10), "admin requests were never answered NotController while the journal failed");
        SharedMemoryJournal.FailControllerWrites(SharedStoreId, false);

        var after = await AwaitConvergedAsync(nodes, i => i.ControllerEpoch > epoch, "the cache registered with a controller of a later epoch");
        AssertOk(await CreateTopicAsync(node, "after", 1));
        await AwaitConvergedAsync(nodes, i => i.Topics.ContainsKey("after"), "the cache has the topic created after the failure");
        Assert.Equal(["after", "before"], Brokers[node].Metadata.Current.Topics.Keys.Order(StringComparer.Ordinal));
        Assert.True(after.Version > 0);
    }

    [Fact]
    public async Task A_metadata_push_lost_on_the_way_is_repaired_by_the_controllers_resend()
    {
        var nodes = await StartBrokersAsync(3);
        var controllerNode = ControllerNodeOf(nodes);
        var others = nodes.Where(n => n != controllerNode).ToList();
        var (connected, cut) = (others[0], others[1]);

        await Nodes.BlackholeAsync(controllerNode, cut);
        AssertOk(await CreateTopicAsync(connected, "quiet", 1));
        await AwaitAsync(connected, () => Brokers[connected].Metadata.Current.Topics.ContainsKey("quiet"), "the connected node has the topic");
        Assert.False(Brokers[cut].Metadata.Current.Topics.ContainsKey("quiet"));
        await Nodes.HealAllAsync();

        await AwaitConvergedAsync(nodes, i => i.Topics.ContainsKey("quiet"), "the cut-off node got the image once the link healed");
    }

    [Fact]
    public async Task A_deletion_the_partitions_do_not_confirm_times_out_keeps_the_name_reserved_and_completes_once_they_answer()
    {
        var nodes = await StartBrokersAsync(1);
        var node = nodes[0];
        AssertOk(await CreateTopicAsync(node, "stuck", 2));
        await AwaitConvergedAsync(nodes, i => i.Topics.ContainsKey("stuck"), "the cache has the topic");
        Partitions.IgnoreDeletes = true;

        var timedOut = await DeleteTopicAsync(node, "stuck");

        Assert.Equal(ErrorCode.RequestTimedOut, timedOut.Error);
        Assert.Contains("still being deleted", timedOut.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(ErrorCode.UnknownTopicOrPartition, (await MetadataAsync(node, "stuck")).Topics[0].Error);
        var reserved = await CreateTopicAsync(node, "stuck", 1);
        Assert.Equal(ErrorCode.TopicAlreadyExists, reserved.Error);
        Assert.Contains("is being deleted", reserved.ErrorMessage, StringComparison.Ordinal);

        Partitions.IgnoreDeletes = false;

        // The controller keeps asking; once both partitions answered, the name is free.
        await AwaitAsync(node, () => Partitions.Entries.Count(e => e.StartsWith("delete@", StringComparison.Ordinal)) >= 2, "both partitions deleted their logs");
        await AwaitConditionAsync(async () => (await CreateTopicAsync(node, "stuck", 1)).Error == ErrorCode.None, Long, TimeSpan.FromMilliseconds(50),
            "the name could be used again");
    }
}
