using System.Diagnostics;
using ActorBroker.Client;
using ActorBroker.Client.Settings;
using ActorBroker.Client.Verification;
using ActorBroker.FaultTests.Checking;
using ActorBroker.FaultTests.Cluster;
using ActorBroker.FaultTests.Nemeses;
using ActorBroker.FaultTests.Workload;
using Xunit.Abstractions;

namespace ActorBroker.FaultTests.Running;

/// <summary>
/// One fault run, as a script: start three node processes, create a topic (3 partitions, RF 3, min.insync.replicas 2),
/// run the queue workload (acks=all), then for each cycle wait a little, inject a fault, hold it, heal it, time how
/// long until a produce and a consume succeed on every partition, and wait until the cluster is whole again. Then
/// stop the workload, read every partition from the beginning, compare the replicas byte for byte, and check the history.
/// </summary>
public sealed class FaultRun(FaultRunOptions options, ITestOutputHelper output)
{
    private readonly RunLog _log = new(output);

    public async Task<FaultRunResult> RunAsync()
    {
        var nemeses = NemesisCatalog.Parse(options.Kinds);
        var unavailable = new List<string>();
        FaultFirewall? firewall = null;
        if (nemeses.Any(n => n.NeedsFirewall))
        {
            (firewall, var problem) = await FaultFirewall.TryCreateAsync();
            if (problem is not null)
            {
                unavailable.AddRange(nemeses.Where(n => n.NeedsFirewall).Select(n => $"{n.Kind}: {problem}"));
                nemeses = [.. nemeses.Where(n => !n.NeedsFirewall)];
                _log.Line($"NETWORK FAULTS UNAVAILABLE, skipped: {problem}");
            }
        }

        try
        {
            FaultRunResult result;
            var cluster = new FaultCluster(_log, firewall?.Cgroups);
            await using (cluster)
            {
                result = await RunAsync(cluster, firewall, nemeses, unavailable);
            }

            // Written when the cluster is disposed, so only now complete.
            return result with { LogsDirectory = cluster.LogsDirectory };
        }
        finally
        {
            if (firewall is not null) await firewall.DisposeAsync();
        }
    }

    private async Task<FaultRunResult> RunAsync(FaultCluster cluster, FaultFirewall? firewall, IReadOnlyList<INemesis> nemeses, List<string> unavailable)
    {
        var random = new Random(options.Seed);
        var schedule = nemeses.OrderBy(_ => random.Next()).ToList();
        _log.Line($"seed {options.Seed}, {options.Cycles} cycles over [{string.Join(", ", schedule.Select(n => n.Kind))}], {options.RecordsPerSecond} records/s");
        await cluster.StartAsync();
        await CreateTopicAsync(cluster);

        var history = new HistoryRecorder();
        var healer = new ClusterHealer(cluster, _log);
        var producerConfig = cluster.ClientConfig("""
            actorbroker.client.producer { acks = all, delivery-timeout = 20s }
            """);
        var producers = Enumerable.Range(0, options.Producers).Select(_ => new ProducerClient(ProducerSettings.FromConfig(producerConfig), cluster.Connection)).ToList();
        await using var probeProducer = new ProducerClient(ProducerSettings.FromConfig(cluster.ClientConfig("""
            actorbroker.client.producer { acks = all, delivery-timeout = 6s }
            """)), cluster.Connection);
        var consumerSettings = ConsumerSettings.FromConfig(cluster.ClientConfig());
        var probe = new RecoveryProbe(FaultRunOptions.Topic, FaultRunOptions.Partitions, history, probeProducer, consumerSettings, cluster.Connection);
        var context = new FaultContext(cluster, firewall, random, _log);
        var faults = new List<FaultOutcome>();
        using var stopWorkload = new CancellationTokenSource();
        var workload = new QueueWorkload(FaultRunOptions.Topic, FaultRunOptions.Partitions, history).RunAsync(producers, options.RecordsPerSecond, stopWorkload.Token);
        try
        {
            for (var cycle = 1; cycle <= options.Cycles && schedule.Count > 0; cycle++)
            {
                var outcome = await CycleAsync(cycle, schedule[(cycle - 1) % schedule.Count], context, probe, healer, history);
                faults.Add(outcome);
                // Once the cluster failed to serve or to heal, further faults only pile up on the wedge and stretch the run.
                if (outcome.Recovery is null || outcome.Whole is null)
                {
                    _log.Line("the cluster did not serve again or did not become whole: no further faults");
                    break;
                }
            }
        }
        finally
        {
            // Heal whatever a failed cycle left behind, then let the workload's last records get their outcomes.
            if (firewall is not null) await firewall.HealAsync();
            foreach (var node in cluster.Nodes.Where(n => n.Paused)) await cluster.ResumeAsync(node);
            await stopWorkload.CancelAsync();
            await workload;
            await AwaitOutcomesAsync(history, TimeSpan.FromSeconds(40));
            foreach (var producer in producers) await producer.DisposeAsync();
        }

        _log.Line($"workload stopped: {history.Acked} acked, {history.Failed} failed ({history.FailureSummary()}), {history.Pending} without an outcome");
        await healer.AwaitWholeAsync(options.WholeDeadline);
        var reads = await FinalRead.ReadAllAsync(FaultRunOptions.Topic, FaultRunOptions.Partitions, history.Acks, consumerSettings, cluster.Connection,
            TimeSpan.FromSeconds(90));
        _log.Line($"final read: {reads.Count} records");
        var replicas = await CompareReplicasAsync(cluster, TimeSpan.FromSeconds(30));
        var check = QueueChecker.Check(history.ToHistory(reads), replicas.Problems);
        var table = ReportTable.Format(check, faults, options.RecoveryDeadline);
        _log.Block(table);
        return new FaultRunResult(check, faults, unavailable, table);
    }

    private async Task<FaultOutcome> CycleAsync(int cycle, INemesis nemesis, FaultContext context, RecoveryProbe probe, ClusterHealer healer,
        HistoryRecorder history)
    {
        await Task.Delay(context.Between(2, 4));
        var injectedAt = _log.Now;
        var fault = await nemesis.InjectAsync(context);
        _log.Line($"cycle {cycle}: {nemesis.Kind}: {fault.Description}; acked so far {history.Acked}, failed {history.Failed}");
        await Task.Delay(fault.Hold);
        var healedAt = _log.Now;
        _log.Line($"cycle {cycle}: healing {nemesis.Kind}");
        // From the heal on, nodes that the cluster downed and that exited are restarted at once, as a process supervisor
        // (systemd's Restart=on-failure, a Kubernetes pod) would: recovery counts from the heal, supervisor included.
        using var supervision = new CancellationTokenSource();
        var downed = new List<FaultNode>();
        var supervisor = healer.SuperviseAsync(downed, supervision.Token);
        var notes = "";
        try
        {
            await nemesis.HealAsync(context);
        }
        catch (TimeoutException e)
        {
            notes = $"heal failed: {e.Message.Split('\n')[0]}";
            _log.Line($"cycle {cycle}: {notes}");
        }

        var serving = await probe.AwaitServingAsync(options.ProbeDeadline);
        TimeSpan? recovery = serving ? _log.Now - healedAt : null;
        _log.Line(serving ? $"cycle {cycle}: serving again {recovery!.Value.TotalSeconds:0.0} s after the heal" : $"cycle {cycle}: NOT serving {options.ProbeDeadline.TotalSeconds:0} s after the heal");
        var whole = await healer.AwaitWholeAsync(options.WholeDeadline, supervised: true);
        await supervision.CancelAsync();
        await supervisor;
        TimeSpan? wholeAfterHeal = whole is null ? null : _log.Now - healedAt;
        if (downed.Count > 0) notes = string.Join("; ", new[] { notes, $"downed: {string.Join(", ", downed.Select(n => $"node {n.Index}"))}" }.Where(n => n.Length > 0));
        return new FaultOutcome(cycle, nemesis.Kind, fault.Description, injectedAt, healedAt, recovery, wholeAfterHeal, notes);
    }

    private async Task CreateTopicAsync(FaultCluster cluster)
    {
        await using var admin = new AdminClient(cluster.Connection);
        await admin.CreateTopicAsync(FaultRunOptions.Topic, FaultRunOptions.Partitions, replicationFactor: 3,
            new Dictionary<string, string> { ["min.insync.replicas"] = "2" });
        await cluster.AwaitMetadataAsync(
            m => m.Topics.SingleOrDefault(t => t.Name == FaultRunOptions.Topic)?.Partitions is { Count: FaultRunOptions.Partitions } ps
                 && ps.All(p => p.Leader is not null && p.Isr.Count == cluster.Nodes.Count),
            "every partition has a leader and three in-sync replicas", TimeSpan.FromSeconds(60));
        _log.Line($"topic '{FaultRunOptions.Topic}' ready");
    }

    /// <summary>
    /// Compares every partition's replicas byte for byte, again until they agree or the timeout: writes have stopped,
    /// but a follower learns the last high watermark only on its next fetch.
    /// </summary>
    private async Task<ReplicaComparison> CompareReplicasAsync(FaultCluster cluster, TimeSpan timeout)
    {
        await using var admin = new AdminClient(cluster.Connection);
        var started = Stopwatch.GetTimestamp();
        var comparison = await admin.CompareReplicasAsync(FaultRunOptions.Topic);
        while (!comparison.Identical && Stopwatch.GetElapsedTime(started) < timeout)
        {
            await Task.Delay(500);
            comparison = await admin.CompareReplicasAsync(FaultRunOptions.Topic);
        }

        var compared = comparison.Partitions.Sum(p => p.To - p.From);
        _log.Line(comparison.Identical
            ? $"replicas: identical, {compared} offsets compared on {comparison.Partitions.Sum(p => p.Replicas.Count)} replicas"
            : $"REPLICAS DIFFER: {string.Join("; ", comparison.Problems)}");
        return comparison;
    }

    private static async Task AwaitOutcomesAsync(HistoryRecorder history, TimeSpan timeout)
    {
        var started = Stopwatch.GetTimestamp();
        while (history.Pending > 0 && Stopwatch.GetElapsedTime(started) < timeout) await Task.Delay(100);
    }
}
