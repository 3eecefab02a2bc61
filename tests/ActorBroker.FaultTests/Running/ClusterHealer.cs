using System.Diagnostics;
using ActorBroker.FaultTests.Cluster;
using ActorBroker.Protocol.Messages;

namespace ActorBroker.FaultTests.Running;

/// <summary>
/// Brings the cluster back to whole after a fault: continues paused nodes, restarts nodes that exited (the cluster
/// downs a node cut off or paused too long, and it exits), and waits until metadata lists every node and every
/// partition has a leader and every node in its ISR.
/// </summary>
public sealed class ClusterHealer(FaultCluster cluster, RunLog log)
{
    /// <summary>Time until the cluster was whole, or null if it was not within <paramref name="timeout"/>.</summary>
    public async Task<TimeSpan?> AwaitWholeAsync(TimeSpan timeout)
    {
        var started = Stopwatch.GetTimestamp();
        MetadataResponse? last = null;
        while (Stopwatch.GetElapsedTime(started) < timeout)
        {
            foreach (var node in cluster.Nodes)
            {
                if (node.Paused) await cluster.ResumeAsync(node);
                if (node.Running || Stopwatch.GetElapsedTime(started) >= timeout) continue;
                log.Line($"{node} is not running (exit code {node.Process?.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}): restarting it");
                try
                {
                    await cluster.RestartAsync(node);
                }
                catch (TimeoutException e)
                {
                    log.Line($"{node} did not come Up: {e.Message.Split('\n')[0]}");
                }
            }

            last = await cluster.PollMetadataAsync(IsWhole, TimeSpan.FromSeconds(2));
            if (last is not null && IsWhole(last)) return Stopwatch.GetElapsedTime(started);
        }

        log.Line($"the cluster was not whole within {timeout.TotalSeconds:0} s; last metadata: {FaultCluster.Describe(last)}");
        return null;
    }

    private bool IsWhole(MetadataResponse metadata) =>
        metadata.Nodes.Count == cluster.Nodes.Count
        && metadata.Topics.SingleOrDefault(t => t.Name == FaultRunOptions.Topic)?.Partitions is { Count: FaultRunOptions.Partitions } partitions
        && partitions.All(p => p.Leader is not null && p.Isr.Count == cluster.Nodes.Count);
}
