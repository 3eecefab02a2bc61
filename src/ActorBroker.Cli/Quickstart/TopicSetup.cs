using System.Globalization;
using ActorBroker.Client;

namespace ActorBroker.Cli.Quickstart;

/// <summary>
/// Creates the quickstart's topic and waits until every node knows each partition's leader. When partition 0's
/// preferred leader is the controller's node, reorders its replicas (a reassignment that only changes the order) and
/// waits for the preferred leader election to move leadership, so the leader the run kills is not the controller's:
/// the run shows a partition election alone, not one mixed with a controller failover.
/// </summary>
internal static class TopicSetup
{
    private const short ReplicationFactor = 3;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static async Task CreateAsync(ClientConnection connection, LocalCluster cluster, string topic, QuickstartOptions options, TimeSpan rebalanceTimeout,
        Narrator say, Func<string?, string> label)
    {
        await using var admin = new AdminClient(connection);
        var configs = new Dictionary<string, string> { ["min.insync.replicas"] = options.MinInsyncReplicas.ToString(CultureInfo.InvariantCulture) };
        await admin.CreateTopicAsync(topic, options.Partitions, ReplicationFactor, configs).ConfigureAwait(false);
        // Every node routes by its own metadata: wait until each knows every partition's leader.
        var ready = await Poll.UntilAsync(() => cluster.Nodes.All(n =>
            n.Broker.Metadata.Current.Topics.TryGetValue(topic, out var t) && t.Partitions.Count == options.Partitions && t.Partitions.All(p => p.Leader is not null)),
            Timeout).ConfigureAwait(false);
        if (!ready) throw new TimeoutException($"topic {topic} did not reach every node's metadata with a leader for each partition within {Timeout.TotalSeconds:0} s");
        say.Say($"created topic {topic}: {options.Partitions} partitions, replication factor {ReplicationFactor}, min.insync.replicas={options.MinInsyncReplicas}");
        foreach (var p in cluster.Metadata.Topics[topic].Partitions) say.Detail(MetadataWatch.Describe(p, label));

        var controller = cluster.ControllerNode;
        var first = cluster.Metadata.Topics[topic].Partitions[0];
        if (first.Leader != controller.NodeId) return;
        IReadOnlyList<string> reordered = [.. first.Replicas.Where(r => r != controller.NodeId), controller.NodeId];
        say.Say($"partition 0 is led by {controller.Name}, which runs the controller and keeps the topics in its own journal; " +
            $"reordering its replicas to [{string.Join(", ", reordered.Select(label))}] so that the preferred leader election hands it to {label(reordered[0])}");
        await admin.ReassignPartitionAsync(topic, 0, reordered).ConfigureAwait(false);
        var moved = await Poll.UntilAsync(() => cluster.Nodes.All(n => n.Broker.Metadata.Current.Topics[topic].Partitions[0].Leader == reordered[0]), rebalanceTimeout)
            .ConfigureAwait(false);
        say.Detail(moved
            ? MetadataWatch.Describe(cluster.Metadata.Topics[topic].Partitions[0], label)
            : $"the leadership did not move within {rebalanceTimeout.TotalSeconds:0} s; the run will kill another partition's leader");
    }
}
