using ActorBroker.Actors;
using ActorBroker.Persistence.InMemory;
using ActorBroker.Persistence.Journal;
using static ActorBroker.Persistence.Tests.Eventsourced.ListActor;

namespace ActorBroker.Persistence.Tests.Eventsourced;

/// <summary>Persistent-actor behaviour on the in-memory store; the storage outlives actors so restarts can be tested.</summary>
public sealed class PersistentActorTests : TestKit.TestKit
{
    private readonly InMemoryJournalStorage _journal = new();
    private readonly InMemorySnapshotStorage _snapshots = new();

    public PersistentActorTests() : base("actorbroker.persistence.replay-chunk-size = 3")
    {
        Persistence.Use(Sys, new InMemoryJournalStore(_journal), new InMemorySnapshotStore(_snapshots));
    }

    private IActorRef StartList(string id, Recovery? recovery = null, string? name = null)
    {
        var actor = Sys.ActorOf(Props.Create(() => new ListActor(id, TestActor, recovery)), name);
        return actor;
    }

    private IActorRef Restart(IActorRef actor, string id, Recovery? recovery = null)
    {
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);
        return StartList(id, recovery);
    }

    [Fact]
    public void Events_are_persisted_and_replayed_after_a_restart()
    {
        var list = StartList("p-1");
        ExpectMsg<Recovered>(r => r.Items.Length == 0);
        foreach (var item in new[] { "a", "b", "c" }) list.Tell(new Add(item), TestActor);
        ExpectMsg(new Added("a", 1));
        ExpectMsg(new Added("b", 2));
        ExpectMsg(new Added("c", 3));

        Restart(list, "p-1");
        var recovered = ExpectMsg<Recovered>();
        Assert.Equal(["a", "b", "c"], recovered.Items);
        Assert.Equal(3, recovered.LastSequenceNr);
    }

    [Fact]
    public void Replay_in_chunks_recovers_more_events_than_one_chunk()
    {
        var list = StartList("p-chunks");
        ExpectMsg<Recovered>();
        list.Tell(new AddAll([.. Enumerable.Range(0, 10).Select(i => $"e{i}")]), TestActor);
        ReceiveN(10);

        Restart(list, "p-chunks");
        var recovered = ExpectMsg<Recovered>();
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"e{i}"), recovered.Items);
        Assert.Equal(10, recovered.LastSequenceNr);
    }

    [Fact]
    public void Commands_sent_while_persisting_are_handled_in_order_after_the_event_handler()
    {
        var list = StartList("p-stash");
        ExpectMsg<Recovered>();
        list.Tell(new Add("x"), TestActor);
        list.Tell(new Get(), TestActor);
        list.Tell(new Add("y"), TestActor);
        list.Tell(new Get(), TestActor);

        ExpectMsg(new Added("x", 1));
        Assert.Equal(["x"], ExpectMsg<State>().Items);
        ExpectMsg(new Added("y", 2));
        Assert.Equal(["x", "y"], ExpectMsg<State>().Items);
    }

    [Fact]
    public void Commands_sent_during_recovery_wait_for_it()
    {
        var first = StartList("p-recovery-stash");
        ExpectMsg<Recovered>();
        first.Tell(new AddAll(["1", "2", "3", "4", "5", "6", "7"]), TestActor);
        ReceiveN(7);
        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first);

        var second = StartList("p-recovery-stash");
        second.Tell(new Get(), TestActor); // arrives while replay runs in chunks of 3
        var recovered = ExpectMsg<Recovered>();
        var state = ExpectMsg<State>();
        Assert.Equal(recovered.Items, state.Items);
        Assert.Equal(7, state.Items.Length);
    }

    [Fact]
    public void PersistAll_runs_handlers_in_order_with_consecutive_sequence_numbers()
    {
        var list = StartList("p-all");
        ExpectMsg<Recovered>();
        list.Tell(new AddAll(["a", "b", "c"]), TestActor);
        ExpectMsg(new Added("a", 1));
        ExpectMsg(new Added("b", 2));
        ExpectMsg(new Added("c", 3));
    }

    [Fact]
    public void PersistAsync_keeps_handling_commands_and_runs_handlers_in_order()
    {
        var list = StartList("p-async");
        ExpectMsg<Recovered>();
        for (var i = 0; i < 50; i++) list.Tell(new AddAsync($"a{i}"), TestActor);
        var acks = ReceiveN(50).Cast<Added>().ToList();
        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"a{i}"), acks.Select(a => a.Item));
        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), acks.Select(a => a.SequenceNr));
    }

    [Fact]
    public void DeferAsync_runs_after_the_handlers_of_events_persisted_before_it()
    {
        var list = StartList("p-defer");
        ExpectMsg<Recovered>();
        list.Tell(new AddAsync("first"), TestActor);
        list.Tell(new Defer("deferred"), TestActor);
        ExpectMsg(new Added("first", 1));
        ExpectMsg("deferred");

        list.Tell(new Defer("immediately"), TestActor); // nothing pending: runs at once
        ExpectMsg("immediately");
    }

    [Fact]
    public void An_event_that_cannot_be_serialized_is_rejected_and_the_actor_goes_on()
    {
        var list = StartList("p-reject");
        ExpectMsg<Recovered>();
        list.Tell(new AddUnserializable(), TestActor);
        var rejected = ExpectMsg<Rejected>();
        Assert.Equal(nameof(Unserializable), rejected.EventType);
        list.Tell(new Add("after"), TestActor);
        ExpectMsg(new Added("after", 1)); // the rejected event used no sequence number
    }

    [Fact]
    public void Recovery_starts_from_the_latest_snapshot_and_replays_only_later_events()
    {
        var list = StartList("p-snap");
        ExpectMsg<Recovered>();
        list.Tell(new AddAll(["a", "b"]), TestActor);
        ReceiveN(2);
        list.Tell(new TakeSnapshot(), TestActor);
        Assert.Equal(2, ExpectMsg<SaveSnapshotSuccess>().Metadata.SequenceNr);
        list.Tell(new Add("c"), TestActor);
        ExpectMsg(new Added("c", 3));

        // Remove the events the snapshot covers: if recovery replayed them, "a" and "b" would be missing only if the snapshot was not used.
        list.Tell(new DeleteUpTo(2), TestActor);
        ExpectMsg<DeleteMessagesSuccess>();
        Restart(list, "p-snap");
        var recovered = ExpectMsg<Recovered>();
        Assert.Equal(["a", "b", "c"], recovered.Items);
        Assert.Equal(3, recovered.LastSequenceNr);
    }

    [Fact]
    public void Recovery_can_stop_at_an_upper_bound_and_new_events_continue_after_the_highest_stored()
    {
        var list = StartList("p-bound");
        ExpectMsg<Recovered>();
        list.Tell(new AddAll(["a", "b", "c", "d"]), TestActor);
        ReceiveN(4);

        var bounded = Restart(list, "p-bound", new Recovery(Snapshots.SnapshotSelectionCriteria.None, ToSequenceNr: 2));
        var recovered = ExpectMsg<Recovered>();
        Assert.Equal(["a", "b"], recovered.Items);
        bounded.Tell(new Add("e"), TestActor);
        ExpectMsg(new Added("e", 5));
    }

    [Fact]
    public void Deleted_events_are_not_replayed_but_sequence_numbers_keep_counting()
    {
        var list = StartList("p-delete");
        ExpectMsg<Recovered>();
        list.Tell(new AddAll(["a", "b", "c"]), TestActor);
        ReceiveN(3);
        list.Tell(new DeleteUpTo(3), TestActor);
        Assert.Equal(3, ExpectMsg<DeleteMessagesSuccess>().ToSequenceNr);

        var restarted = Restart(list, "p-delete");
        var recovered = ExpectMsg<Recovered>();
        Assert.Empty(recovered.Items);
        Assert.Equal(3, recovered.LastSequenceNr);
        restarted.Tell(new Add("d"), TestActor);
        ExpectMsg(new Added("d", 4));
    }

    [Fact]
    public void A_supervisor_restart_recovers_the_state_again_and_handles_the_commands_sent_meanwhile()
    {
        var list = StartList("p-crash");
        ExpectMsg<Recovered>();
        list.Tell(new AddAll(["a", "b"]), TestActor);
        ReceiveN(2);

        TestKit.EventFilter.Exception<InvalidOperationException>(this).ExpectOne(() => list.Tell(new Crash(), TestActor));
        list.Tell(new Add("c"), TestActor);

        Assert.Equal(["a", "b"], ExpectMsg<Recovered>().Items);
        ExpectMsg(new Added("c", 3));
        list.Tell(new Get(), TestActor);
        Assert.Equal(["a", "b", "c"], ExpectMsg<State>().Items);
    }

    [Fact]
    public void A_second_incarnation_writing_the_same_sequence_number_is_stopped_not_overwritten()
    {
        var first = StartList("p-dup", name: "first");
        ExpectMsg<Recovered>();
        var second = StartList("p-dup", name: "second");
        ExpectMsg<Recovered>();
        Watch(second);

        first.Tell(new Add("from-first"), TestActor);
        ExpectMsg(new Added("from-first", 1));
        TestKit.EventFilter.Exception<DuplicateSequenceNumberException>(this).ExpectOne(() =>
            second.Tell(new Add("from-second"), TestActor));
        ExpectTerminated(second);

        var reader = StartList("p-dup", name: "reader");
        Assert.Equal(["from-first"], ExpectMsg<Recovered>().Items);
        GC.KeepAlive(reader);
    }

    [Fact]
    public async Task A_corrupt_event_fails_recovery_with_an_error_naming_persistence_id_and_sequence_number()
    {
        var list = StartList("p-corrupt");
        ExpectMsg<Recovered>();
        list.Tell(new AddAll(["ok", "ok2"]), TestActor);
        ReceiveN(2);
        Watch(list);
        Sys.Stop(list);
        ExpectTerminated(list);

        // An event whose manifest no serializer understands, as left behind by a buggy or newer writer.
        var bad = new PersistentRepr("p-corrupt", 3, 0, "no-such-manifest", 5, new byte[] { 1, 2, 3 });
        await new InMemoryJournalStore(_journal).WriteAsync([new AtomicWrite(bad)], CancellationToken.None);

        IActorRef? restarted = null;
        TestKit.EventFilter.Exception<JournalCorruptionException>(this, "'p-corrupt' with sequence number 3").ExpectOne(() =>
            restarted = StartList("p-corrupt"));
        Watch(restarted!);
        ExpectTerminated(restarted!);
    }
}
