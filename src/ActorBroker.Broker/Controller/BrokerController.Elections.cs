using ActorBroker.Protocol;
using Akka.Event;

namespace ActorBroker.Broker.Controller;

/// <summary>
/// Persisting leader and ISR decisions: each batch is one <see cref="LeaderAndIsrChanged"/> event; once stored, each
/// change is logged, partitions whose leader moved are placed on the new leader's node, and the caller goes on
/// (usually to publish). Also the periodic preferred leader election (auto-leader-rebalance).
/// </summary>
internal sealed partial class BrokerController
{
    /// <summary>Persists <paramref name="updates"/> (if any) as one event, then runs <paramref name="then"/>; with none it runs at once.</summary>
    private void Commit(IReadOnlyList<PartitionUpdate> updates, string reason, Action then) =>
        Commit(updates.Count == 0 ? [] : [new LeaderAndIsrChanged([.. updates.Select(u => u.Change)], reason)], updates, reason, then);

    /// <summary>
    /// Persists <paramref name="events"/>, which make <paramref name="updates"/>, in one atomic write together with step 2
    /// of the reassignments they make ready; once stored: logs every update, places moved leaders, runs <paramref name="then"/>.
    /// Every decision is computed while no write is pending, so none is based on a state about to change.
    /// </summary>
    private void Commit(List<IControllerEvent> events, IReadOnlyList<PartitionUpdate> updates, string reason, Action then)
    {
        if (events.Count == 0)
        {
            then();
            return;
        }

        var completions = ReadyReassignments(updates);
        events.AddRange(completions.Select(c => new PartitionReassignmentCompleted(c.Partition.Topic, c.TopicId, c.Partition.Partition, c.After)));
        var last = events[^1];
        PersistAll(events, e =>
        {
            _state.Apply(e);
            if (!ReferenceEquals(e, last)) return;
            List<PartitionUpdate> all = [.. updates, .. completions];
            LogUpdates(all, reason);
            Follow(all);
            then();
        });
    }

    /// <summary>Re-places the partitions whose leader moved: the sharded entity runs where the leader is.</summary>
    private void Follow(IEnumerable<PartitionUpdate> updates)
    {
        foreach (var update in updates.Where(u => u.LeaderChanged))
        {
            if (update.After.Leader is null) _placements.Remove(update.Partition.ToString());
            else Place(update.Partition);
        }
    }

    private void OnPreferredLeaderCheck()
    {
        var updates = LeaderElection.Preferred(_state, IsUp);
        if (updates.Count == 0) return;
        Commit(updates, "preferred leader election", () => Publish("preferred leaders elected"));
    }

    // Elections are what people look for after an incident: one line each, with the old and new leader, epoch and ISR.
    private void LogUpdates(IReadOnlyList<PartitionUpdate> updates, string reason)
    {
        foreach (var group in updates.Where(u => u.Kind == PartitionUpdateKind.FollowersLeftIsr)
                     .GroupBy(u => string.Join(", ", u.Before.Isr.Except(u.After.Isr))))
            _log.Warning("Removed {Replicas} from the ISR of {Count} partitions ({Reason}): {Partitions}",
                group.Key, group.Count(), reason, Describe([.. group.Select(u => u.Partition)]));

        foreach (var u in updates)
        {
            var (before, after) = (u.Before, u.After);
            switch (u.Kind)
            {
                case PartitionUpdateKind.LeaderFailover:
                    _log.Warning("Partition {Partition}: elected {Leader} leader in place of {OldLeader} ({Reason}); leader epoch {Epoch}, ISR [{Isr}] (was [{OldIsr}])", new object?[] {
                        u.Partition, after.Leader, before.Leader, reason, after.LeaderEpoch, Join(after.Isr), Join(before.Isr) });
                    break;
                case PartitionUpdateKind.UncleanElection:
                    _log.Warning(
                        "Partition {Partition}: UNCLEAN election of {Leader}, which was not in sync, in place of {OldLeader} ({Reason}): no in-sync replica of [{OldIsr}] is Up and unclean.leader.election.enable is true; records acknowledged only by those may be lost. Leader epoch {Epoch}, ISR [{Isr}]", new object?[] {
                        u.Partition, after.Leader, before.Leader ?? "nobody (offline)", reason, Join(before.Isr), after.LeaderEpoch, Join(after.Isr) });
                    break;
                case PartitionUpdateKind.Offline:
                    _log.Warning(
                        "Partition {Partition} is OFFLINE: its leader {OldLeader} is gone ({Reason}) and no other in-sync replica of [{OldIsr}] is Up; it stays without a leader until {OldLeader} is Up again (unclean.leader.election.enable is false). Leader epoch {Epoch}",
                        u.Partition, before.Leader, reason, Join(before.Isr), before.Leader, after.LeaderEpoch);
                    break;
                case PartitionUpdateKind.BackOnline:
                    _log.Info("Partition {Partition} is back online: elected {Leader} leader ({Reason}); leader epoch {Epoch}, ISR [{Isr}]",
                        u.Partition, after.Leader, reason, after.LeaderEpoch, Join(after.Isr));
                    break;
                case PartitionUpdateKind.PreferredElection:
                    _log.Info("Partition {Partition}: preferred replica {Leader} leads again in place of {OldLeader}; leader epoch {Epoch}, ISR [{Isr}]",
                        u.Partition, after.Leader, before.Leader ?? "nobody", after.LeaderEpoch, Join(after.Isr));
                    break;
                case PartitionUpdateKind.IsrAltered:
                    if (after.Isr.Count < before.Isr.Count)
                        _log.Warning("Partition {Partition}: ISR shrunk to [{Isr}] from [{OldIsr}] at the request of leader {Leader}; partition epoch {PartitionEpoch}",
                            u.Partition, Join(after.Isr), Join(before.Isr), after.Leader, after.PartitionEpoch);
                    else
                        _log.Info("Partition {Partition}: ISR is [{Isr}] (was [{OldIsr}]) at the request of leader {Leader}; partition epoch {PartitionEpoch}",
                            u.Partition, Join(after.Isr), Join(before.Isr), after.Leader, after.PartitionEpoch);
                    break;
                case PartitionUpdateKind.ReassignmentStarted:
                    _log.Info("Partition {Partition}: reassignment started, replicas [{Replicas}] (were [{OldReplicas}]); leader {Leader}, ISR [{Isr}]",
                        u.Partition, Join(after.Replicas), Join(before.Replicas), after.Leader, Join(after.Isr));
                    break;
                case PartitionUpdateKind.ReassignmentCompleted:
                    _log.Info("Partition {Partition}: reassignment completed, replicas [{Replicas}] (were [{OldReplicas}]); leader {Leader}{Moved}, leader epoch {Epoch}, ISR [{Isr}]", new object?[] {
                        u.Partition, Join(after.Replicas), Join(before.Replicas), after.Leader, u.LeaderChanged ? $" in place of {before.Leader}" : "", after.LeaderEpoch, Join(after.Isr) });
                    break;
            }
        }
    }

    private static string Join(IEnumerable<string> replicas) => string.Join(", ", replicas);

    /// <summary>Runs the preferred leader election every leader-imbalance-check-interval.</summary>
    private sealed class PreferredLeaderCheck
    {
        public static readonly PreferredLeaderCheck Instance = new();
    }
}
