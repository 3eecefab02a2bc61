using ActorBroker.Journal.Tests.Support;
using Akka.Actor;
using Akka.Persistence;
using Xunit.Abstractions;

namespace ActorBroker.Journal.Tests;

/// <summary>A real <see cref="ReceivePersistentActor"/> persisting to, and recovering from, the SQLite journal and snapshot store.</summary>
public sealed class PersistentActorRecoverySpec(ITestOutputHelper output) : JournalTestKit(output)
{
    [Fact]
    public void A_persistent_actor_recovers_its_state_from_the_journal_after_it_is_stopped()
    {
        var log = Sys.ActorOf(LogActor.Props("partition-0"));
        AppendAll(log, "a", "b", "c");
        Stop(log);

        var recovered = Sys.ActorOf(LogActor.Props("partition-0"));
        recovered.Tell(new LogActor.GetState());

        var state = ExpectMsg<LogActor.State>();
        Assert.Equal(["a", "b", "c"], state.Entries);
        Assert.Equal(3, state.LastSequenceNr);
        Assert.Equal(0, state.RecoveredFromSnapshotAt);
    }

    [Fact]
    public void A_persistent_actor_recovers_from_its_snapshot_and_the_events_persisted_after_it()
    {
        var log = Sys.ActorOf(LogActor.Props("partition-0"));
        AppendAll(log, "a", "b");
        log.Tell(new LogActor.TakeSnapshot());
        ExpectMsg<SaveSnapshotSuccess>(m => m.Metadata.SequenceNr == 2);
        AppendAll(log, "c");
        log.Tell(new LogActor.DeleteEventsTo(2));
        ExpectMsg<DeleteMessagesSuccess>();
        Stop(log);

        var recovered = Sys.ActorOf(LogActor.Props("partition-0"));
        recovered.Tell(new LogActor.GetState());

        var state = ExpectMsg<LogActor.State>();
        Assert.Equal(["a", "b", "c"], state.Entries);
        Assert.Equal(2, state.RecoveredFromSnapshotAt);
        Assert.Equal(3, state.LastSequenceNr);
    }

    [Fact]
    public async Task A_persistent_actor_recovers_in_a_new_actor_system_on_the_same_database_file()
    {
        var first = StartSystem("first-node-run");
        var log = first.ActorOf(LogActor.Props("partition-0"));
        AppendAll(log, "a", "b");
        await first.Terminate();

        var recovered = Sys.ActorOf(LogActor.Props("partition-0"));
        recovered.Tell(new LogActor.GetState());

        Assert.Equal(["a", "b"], ExpectMsg<LogActor.State>().Entries);
    }

    private void AppendAll(IActorRef log, params string[] entries)
    {
        foreach (var entry in entries)
        {
            log.Tell(new LogActor.Append(entry), TestActor);
            ExpectMsg<LogActor.Appended>();
        }
    }

    private void Stop(IActorRef actor)
    {
        Watch(actor);
        actor.Tell(PoisonPill.Instance);
        ExpectTerminated(actor);
    }
}
