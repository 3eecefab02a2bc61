using ActorBroker.Broker.Metadata;
using Akka.Cluster;
using ActorBroker.Protocol;

namespace ActorBroker.Cli.Quickstart;

/// <summary>
/// The run's fault: a third of the way through the records it kills the leader of partition 0 (or, should that be
/// the controller's node, of the first partition led elsewhere), reports the election, and two thirds through restarts the
/// node on its port and journal and reports it rejoining the ISR and taking its preferred leadership back. Each wait is
/// bounded; a wait that runs out is reported and the scenario goes on.
/// </summary>
internal sealed class FailoverScenario(
    LocalCluster cluster, LocalNode controller, MetadataWatch metadata, DeliveryLedger ledger, string topic, Narrator say, Func<string?, string> label)
{
    private static readonly TimeSpan ElectionTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan RejoinTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long to wait for a node back in the ISR to lead again: two leader-imbalance checks and some margin.</summary>
    public TimeSpan RebalanceTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Bounds the waits for the producer's progress.</summary>
    public TimeSpan ProduceTimeout { get; init; } = TimeSpan.FromMinutes(5);

    public async Task RunAsync()
    {
        await Poll.UntilAsync(() => ledger.ProducedCount >= ledger.Records / 3, ProduceTimeout).ConfigureAwait(false);
        var before = ChooseVictim();
        var victim = cluster.NodeWithId(before.Leader!);
        var partition = before.Partition;
        say.Say($"killing {victim.Name} ({victim.NodeId}), leader of partition {partition}, with {ledger.ProducedCount:N0} records produced and {ledger.Acknowledged:N0} acknowledged");
        await cluster.KillAsync(victim).ConfigureAwait(false);
        var killedAt = say.Elapsed;

        if (await metadata.WaitAsync(m => Partition(m, partition).Leader is { } leader && leader != victim.NodeId, ElectionTimeout).ConfigureAwait(false) is { } elected)
        {
            var after = Partition(elected, partition);
            say.Say($"election: partition {partition} leader {victim.Name} -> {label(after.Leader)}, leader epoch {before.LeaderEpoch} -> {after.LeaderEpoch}, " +
                $"ISR [{Isr(after)}], {Since(killedAt)} after the kill");
        }
        else
        {
            say.Say($"no new leader for partition {partition} within {ElectionTimeout.TotalSeconds:0} s of the kill; {Describe(partition)}");
        }

        await Poll.UntilAsync(() => ledger.ProducedCount >= 2 * ledger.Records / 3, ProduceTimeout).ConfigureAwait(false);
        // The old incarnation must be out of the cluster before the new one on its address can join.
        await metadata.WaitAsync(m => m.Nodes.All(n => n.Id != victim.NodeId), ElectionTimeout).ConfigureAwait(false);
        say.Say($"restarting {victim.Name} on port {victim.Port} with its SQLite journal, with {ledger.ProducedCount:N0} records produced and {ledger.Acknowledged:N0} acknowledged");
        cluster.Restart(victim);
        var restartedAt = say.Elapsed;

        if (await Poll.UntilAsync(() => victim.Cluster.SelfMember?.Status == MemberStatus.Up, RejoinTimeout).ConfigureAwait(false))
            say.Say($"{victim.Name} is Up again as a new incarnation, {Since(restartedAt)} after the restart");
        else
            say.Say($"{victim.Name} did not get Up within {RejoinTimeout.TotalSeconds:0} s of the restart");

        if (await metadata.WaitAsync(m => Partition(m, partition).Isr.Contains(victim.NodeId), RejoinTimeout).ConfigureAwait(false) is { } synced)
            say.Say($"{victim.Name} is in sync again: partition {partition} ISR [{Isr(Partition(synced, partition))}], {Since(restartedAt)} after the restart");
        else
            say.Say($"{victim.Name} did not rejoin the ISR of partition {partition} within {RejoinTimeout.TotalSeconds:0} s; {Describe(partition)}");

        if (await metadata.WaitAsync(m => Partition(m, partition).Leader == victim.NodeId, RebalanceTimeout).ConfigureAwait(false) is { } back)
            say.Say($"{victim.Name} leads partition {partition} again (its preferred leader), leader epoch {Partition(back, partition).LeaderEpoch}, {Since(restartedAt)} after the restart");
        else
            say.Say($"{victim.Name} did not take partition {partition} back within {RebalanceTimeout.TotalSeconds:0} s; {Describe(partition)}");
    }

    /// <summary>
    /// Partition 0's leader, unless that node runs the controller (the topic setup moves partition 0 off it, but that
    /// may not have worked in time): then the first partition led elsewhere.
    /// </summary>
    private PartitionImage ChooseVictim()
    {
        var partitions = controller.Broker.Metadata.Current.Topics[topic].Partitions;
        var chosen = partitions.FirstOrDefault(p => p.Leader is not null && p.Leader != controller.NodeId);
        if (chosen is null) throw new InvalidOperationException($"every partition of {topic} is led by the controller's node {controller.Name}; there is no other leader to kill");
        if (chosen.Partition != 0)
        {
            say.Detail($"partition 0 is led by {controller.Name}, which runs the controller and keeps the topics in its own journal; " +
                $"the run kills the leader of partition {chosen.Partition} instead");
        }

        return chosen;
    }

    /// <summary>The partition in <paramref name="image"/>; every image after the topic's creation has it.</summary>
    private PartitionImage Partition(MetadataImage image, int partition) =>
        image.TryGetPartition(new TopicPartition(topic, partition), out _, out var found)
            ? found
            : throw new InvalidOperationException($"the metadata of {controller.Name} no longer has {topic}-{partition}");

    private string Describe(int partition) => MetadataWatch.Describe(Partition(controller.Broker.Metadata.Current, partition), label);

    private string Isr(PartitionImage p) => string.Join(", ", p.Isr.Select(label));

    private string Since(TimeSpan start) => $"{(say.Elapsed - start).TotalSeconds:0.0} s";
}
