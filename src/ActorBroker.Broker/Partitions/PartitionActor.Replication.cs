using Akka.Actor;
using ActorBroker.Broker.Controller;
using ActorBroker.Protocol;
using Akka.Event;

namespace ActorBroker.Broker.Partitions;

/// <summary>
/// The replica's role, as the controller decided it: leader or follower (or neither while the partition is offline).
/// The node's replica manager pushes every decision as a <see cref="ReplicaState"/>; this file switches roles, the
/// Leader and Follower files do the work of each.
/// </summary>
public sealed partial class PartitionActor
{
    /// <summary>The replica's name when it runs without a node (single-node tests): it leads alone.</summary>
    private const string StandaloneId = "standalone";

    private readonly ReplicaContext? _replica;
    private readonly string _selfId;
    private ReplicaRole _role; // set in the constructor: a lone partition leads, a replica waits for the controller's decision
    private bool _stateKnown;
    private int _leaderEpoch;
    private int _partitionEpoch;
    private IReadOnlyList<string> _replicas;
    private IReadOnlyList<string> _isr; // as the controller persisted it

    /// <summary>The leader epoch stamped on appended batches.</summary>
    private int LeaderEpoch => _leaderEpoch;

    private bool IsLeader => _role == ReplicaRole.Leader;

    private DeferredFollow? _followAfterAppends;

    protected override void PreStart()
    {
        base.PreStart();
        // Also after a restart: the role is not in the journal, so the node's replica manager tells it again.
        if (_replica is not null) Context.Parent.Tell(new ReplicaStateRequest(_partition), Self);
    }

    private void CommandReplication()
    {
        Command<ReplicaState>(OnReplicaState);
        Command<IsrTick>(_ => CheckIsr());
        Command<HighWatermarkTick>(_ => CheckpointHighWatermark());
        Command<AlterPartitionResponse>(OnAlterPartitionResponse);
        Command<AlterPartitionTimedOut>(OnAlterPartitionTimedOut);
        Command<LeaderEpochEndOffsetRequest>(OnLeaderEpochEndOffsetRequest);
        Command<CommitWaitTick>(_ => ExpireCommitWaits());
        CommandFollower();
    }

    private void OnReplicaState(ReplicaState state)
    {
        if (_stateKnown && (state.LeaderEpoch < _leaderEpoch || (state.LeaderEpoch == _leaderEpoch && state.PartitionEpoch <= _partitionEpoch)))
            return; // an older decision, delivered late
        var wasLeader = IsLeader && _stateKnown;
        var epochChanged = !_stateKnown || state.LeaderEpoch != _leaderEpoch;
        _stateKnown = true;
        _leaderEpoch = state.LeaderEpoch;
        _partitionEpoch = state.PartitionEpoch;
        _replicas = state.Replicas;
        _isr = state.Isr;
        if (state.Leader == _selfId)
        {
            if (wasLeader && !epochChanged) OnIsrChanged();
            else BecomeLeader();
        }
        else
        {
            BecomeFollower(state.Leader, state.LeaderReplica, wasLeader, epochChanged);
        }
    }

    private void BecomeLeader()
    {
        _followAfterAppends = null;
        StopFollowing();
        _role = ReplicaRole.Leader;
        _nextOffset = _log.LogEndOffset;
        // Records from here on carry the new epoch; a follower asking where an older epoch ends gets this offset.
        _log.Epochs.Assign(_leaderEpoch, _log.LogEndOffset);
        ResetFollowers();
        _logger.Info(
            "Partition {Partition} on {Node} is the leader with epoch {Epoch}: offsets {LogStartOffset}..{LogEndOffset}, high watermark {HighWatermark}, ISR [{Isr}]", new object?[] {
            _partition, _selfId, _leaderEpoch, _log.LogStartOffset, _log.LogEndOffset, _log.HighWatermark, string.Join(", ", _isr) });
        AdvanceHighWatermark();
    }

    private void BecomeFollower(string? leader, IActorRef? leaderReplica, bool wasLeader, bool epochChanged)
    {
        if (wasLeader)
        {
            var message = $"partition {_partition} is no longer led by {_selfId}; refresh metadata (leader {leader ?? "none"}, epoch {_leaderEpoch})";
            // Appends still being written finish as acks=1 did; nothing written here from now on counts for acks=all.
            FailCommitWaits(ErrorCode.NotLeaderOrFollower, message);
            FailFetches(ErrorCode.NotLeaderOrFollower, message);
            _followers.Clear();
        }

        _role = leader is null ? ReplicaRole.Offline : ReplicaRole.Follower;
        if (!epochChanged && !wasLeader) return; // an ISR change elsewhere: keep fetching
        _logger.Info("Partition {Partition} on {Node} follows {Leader} in epoch {Epoch} from offset {LogEndOffset}",
            _partition, _selfId, leader ?? "no leader (offline)", _leaderEpoch, _log.LogEndOffset);
        FollowOnceAppendsAreStored(leaderReplica);
    }

    /// <summary>
    /// A demoted leader's last appends may still be in the journal's hands, stamped with offsets past the log end. The
    /// epoch handshake may cut the log back, and those appends would then keep offsets the cut gives out again; so the
    /// replica starts following only once they are stored (or refused). Fetches the new leader sends meanwhile wait.
    /// </summary>
    private void FollowOnceAppendsAreStored(IActorRef? leaderReplica)
    {
        if (_pendingAppends.Count == 0)
        {
            _followAfterAppends = null;
            StartFollowing(leaderReplica);
            return;
        }

        StopFollowing();
        _followAfterAppends = new DeferredFollow(leaderReplica);
        _logger.Info("Partition {Partition} on {Node} waits for {Appends} appends it took as leader before it follows",
            _partition, _selfId, _pendingAppends.Count);
    }

    /// <summary>After each stored or refused append: the last one in flight lets a deferred follow begin.</summary>
    private void ResumeDeferredFollow()
    {
        if (_followAfterAppends is not { } deferred || _pendingAppends.Count > 0) return;
        _followAfterAppends = null;
        if (_role == ReplicaRole.Follower) StartFollowing(deferred.LeaderReplica);
    }

    private sealed record DeferredFollow(IActorRef? LeaderReplica);

    private enum ReplicaRole
    {
        Leader,
        Follower,
        /// <summary>No leader is alive: the replica waits for the controller's next decision.</summary>
        Offline,
        /// <summary>Deleting or stopping: no role any more.</summary>
        Closed,
    }

    /// <summary>Shrinks the ISR of followers that lag; fires every half replica-lag-time-max.</summary>
    private sealed class IsrTick
    {
        public static readonly IsrTick Instance = new();
    }
}
