using ActorBroker.Protocol;

namespace ActorBroker.Broker.Controller;

/// <summary>
/// Kafka's leader election rules (the controller's onBrokerFailure / onBrokerStartup and preferred replica election),
/// as pure functions of a partition's assignment and which nodes are Up. Only the leader adds replicas to the ISR
/// (through AlterPartition, once they caught up); the controller only removes the ones that are not Up.
/// </summary>
internal static class LeaderElection
{
    /// <summary>
    /// What the partition becomes when the Up nodes are <paramref name="isUp"/>, or null when nothing changes:
    /// <list type="bullet">
    /// <item>leader Up: followers that are not Up leave the ISR (partition epoch +1);</item>
    /// <item>leader not Up, or no leader: the first replica (in replica order) that is in the ISR and Up leads, the ISR
    /// keeps its Up members (leader epoch +1, partition epoch +1);</item>
    /// <item>no in-sync replica Up: with <paramref name="unclean"/> the first Up replica leads alone in the ISR,
    /// else the partition goes offline: no leader, the last leader alone in the ISR (Kafka keeps it there, so it
    /// is the one to lead again when it is back), leader epoch +1.</item>
    /// </list>
    /// </summary>
    public static (PartitionAssignment After, PartitionUpdateKind Kind)? OnMembership(PartitionAssignment a, Func<string, bool> isUp, bool unclean)
    {
        if (a.Leader is { } leader && isUp(leader))
        {
            if (a.Isr.All(r => r == leader || isUp(r))) return null;
            return (a with { Isr = [.. a.Isr.Where(r => r == leader || isUp(r))], PartitionEpoch = a.PartitionEpoch + 1 }, PartitionUpdateKind.FollowersLeftIsr);
        }

        if (a.Replicas.FirstOrDefault(r => isUp(r) && a.Isr.Contains(r)) is { } clean)
            return (Elect(a, clean, [.. a.Isr.Where(isUp)]), a.Leader is null ? PartitionUpdateKind.BackOnline : PartitionUpdateKind.LeaderFailover);
        if (unclean && a.Replicas.FirstOrDefault(isUp) is { } outOfSync)
            return (Elect(a, outOfSync, [outOfSync]), PartitionUpdateKind.UncleanElection);
        if (a.Leader is null) return null;
        return (a with { Leader = null, LeaderEpoch = a.LeaderEpoch + 1, Isr = [a.Leader], PartitionEpoch = a.PartitionEpoch + 1 }, PartitionUpdateKind.Offline);
    }

    /// <summary>The partition led by its preferred replica, when that one is Up, in the ISR and not leading; else null.</summary>
    public static PartitionAssignment? Preferred(PartitionAssignment a, Func<string, bool> isUp)
    {
        var preferred = a.Replicas[0];
        return preferred != a.Leader && isUp(preferred) && a.Isr.Contains(preferred) ? Elect(a, preferred, a.Isr) : null;
    }

    /// <summary>Every live topic's partition that <see cref="OnMembership(PartitionAssignment, Func{string, bool}, bool)"/> changes.</summary>
    /// <param name="defaults">The broker's topic config, under each topic's overrides, for unclean.leader.election.enable.</param>
    public static List<PartitionUpdate> OnMembership(ControllerState state, Func<string, bool> isUp, TopicConfig defaults)
    {
        var updates = new List<PartitionUpdate>();
        foreach (var topic in state.Topics.Values)
        {
            var unclean = topic.Config(defaults).UncleanLeaderElectionEnable;
            for (var i = 0; i < topic.Partitions.Count; i++)
            {
                if (OnMembership(topic.Partitions[i], isUp, unclean) is { } change)
                    updates.Add(new PartitionUpdate(topic.PartitionId(i), topic.TopicId, topic.Partitions[i], change.After, change.Kind));
            }
        }

        return updates;
    }

    /// <summary>Every live topic's partition whose preferred replica can lead and does not; partitions being reassigned wait (as in Kafka).</summary>
    public static List<PartitionUpdate> Preferred(ControllerState state, Func<string, bool> isUp)
    {
        var updates = new List<PartitionUpdate>();
        foreach (var topic in state.Topics.Values)
        {
            for (var i = 0; i < topic.Partitions.Count; i++)
            {
                var id = topic.PartitionId(i);
                if (!state.Reassignments.ContainsKey(id) && Preferred(topic.Partitions[i], isUp) is { } after)
                    updates.Add(new PartitionUpdate(id, topic.TopicId, topic.Partitions[i], after, PartitionUpdateKind.PreferredElection));
            }
        }

        return updates;
    }

    private static PartitionAssignment Elect(PartitionAssignment a, string leader, IReadOnlyList<string> isr) =>
        a with { Leader = leader, LeaderEpoch = a.LeaderEpoch + 1, Isr = isr, PartitionEpoch = a.PartitionEpoch + 1 };
}
