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
    /// <summary>
    /// What a process supervisor (systemd's <c>Restart=on-failure</c>, a Kubernetes pod) does, until <paramref name="stop"/>:
    /// restarts at once every node that exited by itself, with the code of a node the cluster downed (3). Nodes a
    /// nemesis killed are left to the nemesis, which restarts them when its fault ends.
    /// </summary>
    /// <param name="restarted">Each node restarted is added here: which nodes the cluster downed for a fault.</param>
    public async Task SuperviseAsync(ICollection<FaultNode> restarted, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            foreach (var node in cluster.Nodes.Where(Downed))
            {
                log.Line($"{node} exited (code 3, downed by the cluster): the supervisor restarts it");
                restarted.Add(node);
                try
                {
                    await cluster.RestartAsync(node);
                }
                catch (TimeoutException e)
                {
                    log.Line($"{node} did not come Up: {e.Message.Split('\n')[0]}");
                }
            }

            try
            {
                await Task.Delay(200, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static bool Downed(FaultNode node) => node.Process is { HasExited: true, ExitCode: 3 } && !node.Paused;

    /// <summary>Time until the cluster was whole, or null if it was not within <paramref name="timeout"/>.</summary>
    /// <param name="supervised">A <see cref="SuperviseAsync"/> runs meanwhile and restarts the downed nodes itself.</param>
    public async Task<TimeSpan?> AwaitWholeAsync(TimeSpan timeout, bool supervised = false)
    {
        var started = Stopwatch.GetTimestamp();
        MetadataResponse? last = null;
        while (Stopwatch.GetElapsedTime(started) < timeout)
        {
            foreach (var node in cluster.Nodes)
            {
                if (node.Paused) await cluster.ResumeAsync(node);
                if (node.Running || (supervised && Downed(node)) || Stopwatch.GetElapsedTime(started) >= timeout) continue;
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
