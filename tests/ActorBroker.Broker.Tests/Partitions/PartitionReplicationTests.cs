using Akka.Actor;
using ActorBroker.Broker.Controller;
using ActorBroker.Broker.Partitions;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using ActorBroker.Protocol.Records;
using Akka.TestKit;
using Xunit.Abstractions;

namespace ActorBroker.Broker.Tests.Partitions;

/// <summary>
/// One replica actor at a time, with test probes standing in for the other replicas and the controller: the leader's
/// high watermark, acks=all, ISR shrink and the follower's fetch loop and truncation, driven message by message.
/// Replica lag is measured on the manual clock.
/// </summary>
public sealed class PartitionReplicationTests(ITestOutputHelper output) : PartitionTestBase(output)
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);
    private TestProbe? _controller;

    private TestProbe Controller => _controller ??= CreateTestProbe();

    private IActorRef StartReplica(string node, TopicConfig? config = null) =>
        Sys.ActorOf(PartitionActor.Props(Orders0, TopicId, config ?? TopicConfig.Default, Settings(s => s with
        {
            ReplicaLagTimeMax = TimeSpan.FromMilliseconds(200),
            ReplicaFetchWaitMax = TimeSpan.FromMilliseconds(100),
            ReplicaFetchBackoff = TimeSpan.FromMilliseconds(50),
            ReplicaFetchResponseTimeout = TimeSpan.FromSeconds(5),
            HighWatermarkCheckpointInterval = TimeSpan.FromMilliseconds(100),
        }), new ReplicaContext(node, Controller.Ref)));

    private static ReplicaState State(string leader, int epoch, string[] isr, int partitionEpoch = 0, IActorRef? leaderReplica = null) =>
        new(leader, epoch, ["a", "b", "c"], isr, partitionEpoch, leaderReplica);

    /// <param name="maxWaitMs">0 answers at once; a long poll waits for the leader's append to be written.</param>
    private static FetchRequest ReplicaFetch(string replica, long offset, int epoch, long correlationId, int maxWaitMs = 0) =>
        new(Orders0, offset, 1 << 20, 1, maxWaitMs, epoch, replica, correlationId);

    private static FetchResponse FetchAs(TestProbe follower, IActorRef leader, FetchRequest request)
    {
        follower.Send(leader, request);
        return follower.ExpectMsg<FetchResponse>(r => r.CorrelationId == request.CorrelationId, TimeSpan.FromSeconds(15));
    }

    [Fact]
    public void The_leader_acknowledges_acks_all_only_once_every_in_sync_follower_has_fetched_past_the_batch()
    {
        var leader = StartReplica("a");
        leader.Tell(State("a", 1, ["a", "b", "c"]));
        var b = CreateTestProbe();
        var c = CreateTestProbe();

        leader.Tell(new ProduceRequest(Orders0, Acks.All, 10_000, Batches.Of(3), 1), TestActor);
        ExpectNoMsg(Quiet);

        var first = FetchAs(b, leader, ReplicaFetch("b", 0, 1, 10, maxWaitMs: 10_000));
        Assert.Equal((ErrorCode.None, 1, 0L), (first.Error, first.Batches.Count, first.HighWatermark));
        Assert.Equal(1, first.Batches[0].PartitionLeaderEpoch); // stamped with the leader's epoch
        Assert.Equal(0L, FetchAs(b, leader, ReplicaFetch("b", 3, 1, 11)).HighWatermark); // c has not fetched yet
        ExpectNoMsg(Quiet);

        Assert.Equal(3L, FetchAs(c, leader, ReplicaFetch("c", 3, 1, 12)).HighWatermark);
        var acked = ExpectMsg<ProduceResponse>();
        Assert.Equal((ErrorCode.None, 0L, 1L), (acked.Error, acked.BaseOffset, acked.CorrelationId));
    }

    [Fact]
    public void Acks_all_for_several_batches_is_answered_once_the_followers_have_all_of_them()
    {
        var leader = StartReplica("a");
        leader.Tell(State("a", 1, ["a", "b"]));
        var b = CreateTestProbe();

        leader.Tell(new ProduceRequest(Orders0, Acks.All, 10_000, [Batches.Of(3), Batches.Of(2), Batches.Of(4)], 1), TestActor);
        var fetched = FetchAs(b, leader, ReplicaFetch("b", 0, 1, 10, maxWaitMs: 10_000));
        Assert.Equal([0L, 3, 5], fetched.Batches.Select(batch => batch.BaseOffset));
        Assert.Equal(5L, FetchAs(b, leader, ReplicaFetch("b", 5, 1, 11)).HighWatermark);
        ExpectNoMsg(Quiet); // the first two batches are replicated, the last is not

        Assert.Equal(9L, FetchAs(b, leader, ReplicaFetch("b", 9, 1, 12)).HighWatermark);
        var acked = ExpectMsg<ProduceResponse>();
        Assert.Equal((ErrorCode.None, 0L, 1L), (acked.Error, acked.BaseOffset, acked.CorrelationId));
    }

    [Fact]
    public void Consumers_never_read_above_the_high_watermark()
    {
        var leader = StartReplica("a");
        leader.Tell(State("a", 0, ["a", "b"]));
        Assert.Equal(ErrorCode.None, Produce(leader, Batches.Of(2)).Error); // acks=1: the leader's append is enough

        var before = Fetch(leader, 0);
        Assert.Equal((ErrorCode.None, 0, 0L), (before.Error, before.Batches.Count, before.HighWatermark));
        Assert.Equal(0L, Latest(leader));

        FetchAs(CreateTestProbe(), leader, ReplicaFetch("b", 2, 0, 5));
        var after = Fetch(leader, 0);
        Assert.Equal((1, 2L), (after.Batches.Count, after.HighWatermark));
    }

    [Fact]
    public void A_consumer_fetch_between_the_high_watermark_and_the_log_end_waits_there_instead_of_failing()
    {
        var leader = StartReplica("a");
        leader.Tell(State("a", 0, ["a", "b"]));
        Assert.Equal(ErrorCode.None, Produce(leader, Batches.Of(2)).Error);

        // A consumer that read offsets 0 and 1 from an earlier leader goes on at 2: the log ends there, the high watermark is 0.
        var early = Fetch(leader, 2);
        Assert.Equal((ErrorCode.None, 0, 0L), (early.Error, early.Batches.Count, early.HighWatermark));
        Assert.Equal(ErrorCode.OffsetOutOfRange, Fetch(leader, 3).Error);

        Assert.Equal(ErrorCode.None, Produce(leader, Batches.Of(1)).Error);
        leader.Tell(FetchFrom(2, minBytes: 1, maxWaitMs: 60_000), TestActor);
        ExpectNoMsg(Quiet); // parked until the high watermark passes offset 2
        FetchAs(CreateTestProbe(), leader, ReplicaFetch("b", 3, 0, 5));
        var woken = ExpectMsg<FetchResponse>();
        Assert.Equal((ErrorCode.None, 1, 2L, 3L), (woken.Error, woken.Batches.Count, woken.Batches[0].BaseOffset, woken.HighWatermark));
    }

    [Fact]
    public void A_follower_that_stops_fetching_leaves_the_isr_through_the_controller_and_acks_all_then_completes()
    {
        var leader = StartReplica("a");
        leader.Tell(State("a", 4, ["a", "b", "c"], partitionEpoch: 7));
        var b = CreateTestProbe();
        leader.Tell(new ProduceRequest(Orders0, Acks.All, 10_000, Batches.Of(1), 1), TestActor);
        AwaitAssert(() => Assert.Single(FetchAs(b, leader, ReplicaFetch("b", 0, 4, 0)).Batches)); // stored on the leader
        FetchAs(b, leader, ReplicaFetch("b", 1, 4, 1));

        // b keeps up while c says nothing; only c may be dropped, whenever the ISR check runs.
        Clock.Advance(TimeSpan.FromMilliseconds(150));
        FetchAs(b, leader, ReplicaFetch("b", 1, 4, 2));
        Clock.Advance(TimeSpan.FromMilliseconds(150));
        var shrink = Controller.ExpectMsg<AlterPartition>();
        Assert.Equal(("a", 4, 7), (shrink.Leader, shrink.LeaderEpoch, shrink.PartitionEpoch));
        Assert.Equal(["a", "b"], shrink.NewIsr);
        ExpectNoMsg(Quiet); // not committed until the controller agrees

        Controller.Reply(new AlterPartitionResponse(Orders0, ErrorCode.None, null, "a", 4, 8, ["a", "b"]));
        Assert.Equal(ErrorCode.None, ExpectMsg<ProduceResponse>().Error);
    }

    [Fact]
    public async Task A_restarted_replica_starts_from_its_checkpointed_high_watermark_not_its_log_start()
    {
        var leader = StartReplica("a");
        leader.Tell(State("a", 1, ["a", "b"]));
        Append(leader, Batches.Of(3));
        FetchAs(CreateTestProbe(), leader, ReplicaFetch("b", 3, 1, 1)); // b stored all three: the high watermark is 3
        Assert.Equal(3L, Latest(leader));
        var persistenceId = PartitionActor.PersistenceIdOf(TopicId, Orders0, "a");
        await AwaitAssertAsync(async () => Assert.Contains(
            (await JournalAccess.ReplayAsync(persistenceId)).Select(e => e.Payload), e => e is HighWatermarkCheckpointed { HighWatermark: 3 }));

        Watch(leader);
        Sys.Stop(leader);
        ExpectTerminated(leader);
        var restarted = StartReplica("a");
        restarted.Tell(State("a", 2, ["a", "b"]));

        Assert.Equal(3L, Latest(restarted)); // without the checkpoint: 0 until b fetches again
        Assert.Equal(3, Fetch(restarted, 0).Batches.Sum(b => b.RecordCount));
    }

    [Fact]
    public void A_wall_clock_step_does_not_count_as_replica_lag()
    {
        var leader = StartReplica("a");
        leader.Tell(State("a", 4, ["a", "b"], partitionEpoch: 7));
        var b = CreateTestProbe();
        Append(leader, Batches.Of(1));
        FetchAs(b, leader, ReplicaFetch("b", 1, 4, 1)); // b is caught up

        Clock.StepWallClock(TimeSpan.FromHours(1)); // NTP steps the wall clock; no time passed
        Controller.ExpectNoMsg(Quiet); // several ISR checks run meanwhile; none finds b lagging

        Clock.Advance(TimeSpan.FromMilliseconds(300)); // now b really has not fetched for longer than replica-lag-time-max
        Assert.Equal(["a"], Controller.ExpectMsg<AlterPartition>().NewIsr);
    }

    [Fact]
    public void A_caught_up_follower_outside_the_isr_asks_to_rejoin()
    {
        var leader = StartReplica("a");
        leader.Tell(State("a", 2, ["a", "b"], partitionEpoch: 3));
        Append(leader, Batches.Of(2));
        FetchAs(CreateTestProbe(), leader, ReplicaFetch("b", 2, 2, 1));

        FetchAs(CreateTestProbe(), leader, ReplicaFetch("c", 2, 2, 2));
        var expand = Controller.ExpectMsg<AlterPartition>();
        Assert.Equal(["a", "b", "c"], expand.NewIsr);
    }

    [Fact]
    public void Acks_all_is_refused_before_the_append_when_the_isr_is_below_min_insync_replicas()
    {
        var config = TopicConfig.Default with { MinInsyncReplicas = 2 };
        var leader = StartReplica("a", config);
        leader.Tell(State("a", 1, ["a"]));

        var refused = Produce(leader, Batches.Of(1), Acks.All, 3);
        Assert.Equal(ErrorCode.NotEnoughReplicas, refused.Error);
        Assert.Contains("min.insync.replicas=2", refused.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(0L, Append(leader, Batches.Of(1))); // acks=1 still goes, and the refused batch took no offset
    }

    [Fact]
    public void Replica_fetches_in_another_leader_epoch_are_fenced()
    {
        var leader = StartReplica("a");
        leader.Tell(State("a", 5, ["a", "b"]));
        var b = CreateTestProbe();
        Assert.Equal(ErrorCode.FencedLeaderEpoch, FetchAs(b, leader, ReplicaFetch("b", 0, 4, 1)).Error);
        Assert.Equal(ErrorCode.UnknownLeaderEpoch, FetchAs(b, leader, ReplicaFetch("b", 0, 6, 2)).Error);

        leader.Tell(State("b", 6, ["a", "b"])); // a newer decision: a now follows
        Assert.Equal(ErrorCode.NotLeaderOrFollower, Produce(leader, Batches.Of(1), correlationId: 4).Error);
        Assert.Equal(ErrorCode.NotLeaderOrFollower, Fetch(leader, 0).Error);
    }

    [Fact]
    public void A_leader_that_loses_its_leadership_answers_waiting_acks_all_appends_not_leader()
    {
        var leader = StartReplica("a");
        leader.Tell(State("a", 1, ["a", "b"]));
        leader.Tell(new ProduceRequest(Orders0, Acks.All, 10_000, Batches.Of(1), 9), TestActor);
        ExpectNoMsg(Quiet);

        leader.Tell(State("b", 2, ["b"], 1, CreateTestProbe().Ref));
        var answer = ExpectMsg<ProduceResponse>();
        Assert.Equal((ErrorCode.NotLeaderOrFollower, 9L), (answer.Error, answer.CorrelationId));
    }

    [Fact]
    public async Task A_follower_fetches_from_its_leader_journals_the_batches_and_keeps_them_when_it_becomes_leader()
    {
        var leaderProbe = CreateTestProbe();
        var follower = StartReplica("b");
        follower.Tell(State("a", 1, ["a", "b"], leaderReplica: leaderProbe.Ref));

        var first = leaderProbe.ExpectMsg<FetchRequest>();
        Assert.Equal((0L, 1, "b"), (first.FetchOffset, first.CurrentLeaderEpoch, first.ReplicaId));
        leaderProbe.Reply(new FetchResponse(Orders0, ErrorCode.None, 2, 0,
            [Batches.Stored(0, 2).WithOffsets(0, 1), Batches.Stored(2, 3).WithOffsets(2, 1)], null, first.CorrelationId));

        var second = leaderProbe.ExpectMsg<FetchRequest>();
        Assert.Equal(5L, second.FetchOffset); // both batches stored before it asks again
        Assert.Equal(2, (await StoredSequenceNrsAsync("b")).Count);

        follower.Tell(State("b", 2, ["b"], partitionEpoch: 1));
        var read = Fetch(follower, 0);
        Assert.Equal((ErrorCode.None, 2, 5L), (read.Error, read.Batches.Count, read.HighWatermark));
        Assert.Equal(5L, Append(follower, Batches.Of(1)));
    }

    [Fact]
    public void A_follower_serves_a_debugging_read_up_to_its_high_watermark_and_refuses_consumers()
    {
        var leaderProbe = CreateTestProbe();
        var follower = StartReplica("b");
        follower.Tell(State("a", 1, ["a", "b"], leaderReplica: leaderProbe.Ref));
        var first = leaderProbe.ExpectMsg<FetchRequest>();
        // Five records stored, the leader's high watermark at 2: the follower's is 2 as well.
        leaderProbe.Reply(new FetchResponse(Orders0, ErrorCode.None, 2, 0,
            [Batches.Stored(0, 2).WithOffsets(0, 1), Batches.Stored(2, 3).WithOffsets(2, 1)], null, first.CorrelationId));
        leaderProbe.ExpectMsg<FetchRequest>(); // both batches stored

        Assert.Equal(ErrorCode.NotLeaderOrFollower, Fetch(follower, 0).Error);
        var read = DebugRead(follower, 0);
        Assert.Equal((ErrorCode.None, 2L), (read.Error, read.HighWatermark));
        Assert.Equal([0L], read.Batches.Select(b => b.BaseOffset)); // not the batch above the high watermark
        Assert.Empty(DebugRead(follower, 2).Batches); // at the high watermark: nothing yet
        var past = DebugRead(follower, 3);
        Assert.Equal(ErrorCode.OffsetOutOfRange, past.Error);
        Assert.Contains("0..2 (log start to high watermark)", past.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal((0L, 2L), (past.LogStartOffset, past.HighWatermark)); // the range to read instead
    }

    private FetchResponse DebugRead(IActorRef replica, long offset)
    {
        replica.Tell(new FetchRequest(Orders0, offset, 1 << 20, 0, 0, -1, FetchRequest.DebugReplicaId, offset), TestActor);
        return ExpectMsg<FetchResponse>(r => r.CorrelationId == offset);
    }

    [Fact]
    public void A_returning_leader_cuts_off_the_suffix_the_new_leader_does_not_have_and_recovers_without_it()
    {
        var replica = StartReplica("b");
        replica.Tell(State("b", 1, ["b"]));
        Append(replica, Batches.Of(2)); // 0..1, epoch 1
        Append(replica, Batches.Of(2)); // 2..3, only here
        Append(replica, Batches.Of(2)); // 4..5, only here

        var newLeader = CreateTestProbe();
        replica.Tell(State("a", 2, ["a"], 1, newLeader.Ref));
        var ask = newLeader.ExpectMsg<LeaderEpochEndOffsetRequest>();
        Assert.Equal((1, 2, "b"), (ask.LeaderEpoch, ask.CurrentLeaderEpoch, ask.ReplicaId));
        newLeader.Reply(new LeaderEpochEndOffsetResponse(Orders0, ErrorCode.None, 1, 2, null, ask.CorrelationId));
        Assert.Equal(2L, newLeader.ExpectMsg<FetchRequest>().FetchOffset);

        Watch(replica);
        Sys.Stop(replica);
        ExpectTerminated(replica);
        var restarted = StartReplica("b");
        restarted.Tell(State("b", 3, ["b"], 2));
        Assert.Equal(2L, Latest(restarted));
        Assert.Equal(2L, Append(restarted, Batches.Of(1)));
    }

    [Fact]
    public void A_follower_sent_other_records_at_offsets_it_has_repeats_the_epoch_handshake_instead_of_skipping_them()
    {
        var replica = StartReplica("b");
        replica.Tell(State("b", 1, ["b"]));
        Append(replica, Batches.Of(2)); // 0..1, epoch 1
        var newLeader = CreateTestProbe();
        replica.Tell(State("a", 2, ["a"], 1, newLeader.Ref));
        var ask = newLeader.ExpectMsg<LeaderEpochEndOffsetRequest>();
        newLeader.Reply(new LeaderEpochEndOffsetResponse(Orders0, ErrorCode.None, 1, 2, null, ask.CorrelationId));
        var fetch = newLeader.ExpectMsg<FetchRequest>();

        // Offsets 0..1 as another leader (epoch 2) wrote them: same offsets, other records.
        newLeader.Reply(new FetchResponse(Orders0, ErrorCode.None, 2, 0, [Batches.Stored(0, 2, epoch: 2)], null, fetch.CorrelationId));

        Assert.Equal(1, newLeader.ExpectMsg<LeaderEpochEndOffsetRequest>().LeaderEpoch); // asks again where its epoch ends
    }

    [Fact]
    public void A_demoted_leader_follows_only_once_its_appends_in_flight_are_stored()
    {
        var replica = StartReplica("b");
        replica.Tell(State("b", 1, ["b"]));
        Append(replica, Batches.Of(2)); // 0..1, epoch 1
        Journal.HoldWrites();
        replica.Tell(new ProduceRequest(Orders0, Acks.Leader, 10_000, Batches.Of(2), 5), TestActor); // 2..3, being written

        var newLeader = CreateTestProbe();
        replica.Tell(State("a", 2, ["a"], 1, newLeader.Ref));
        newLeader.ExpectNoMsg(Quiet); // no epoch handshake while the append may still take offsets 2..3

        Journal.ReleaseWrites();
        Assert.Equal((ErrorCode.None, 2L), ExpectMsg<ProduceResponse>(r => r.CorrelationId == 5) is var r ? (r.Error, r.BaseOffset) : default);
        var ask = newLeader.ExpectMsg<LeaderEpochEndOffsetRequest>(); // now it asks, with 0..3 stored
        newLeader.Reply(new LeaderEpochEndOffsetResponse(Orders0, ErrorCode.None, 1, 2, null, ask.CorrelationId));
        Assert.Equal(2L, newLeader.ExpectMsg<FetchRequest>().FetchOffset); // 2..3 cut off: the new leader's epoch 1 ends at 2
    }

    private Task<List<long>> StoredSequenceNrsAsync(string node) =>
        JournalAccess.StoredSequenceNrsAsync(PartitionActor.PersistenceIdOf(TopicId, Orders0, node));
}
