using System.Collections.Immutable;
using ActorBroker.Journal.Tests.Support;
using Akka.Actor;
using Akka.Persistence;
using Xunit.Abstractions;

namespace ActorBroker.Journal.Tests;

/// <summary>The (persistence id, sequence nr) key: two incarnations of one actor can never both write a sequence number.</summary>
public sealed class DuplicateSequenceNrSpec(ITestOutputHelper output) : JournalTestKit(output)
{
    private const string Pid = "partition-0";

    [Fact]
    public void Journal_fails_a_write_whose_sequence_number_is_already_stored()
    {
        WriteEvents(Pid, 1, 3);

        var probe = Write(new AtomicWrite(Event(Pid, 3, "b-3")));

        var failed = probe.ExpectMsg<WriteMessagesFailed>();
        Assert.IsType<DuplicateEventException>(failed.Cause);
        probe.ExpectMsg<WriteMessageFailure>(m => m.Persistent.SequenceNr == 3);
        Assert.Equal("a-3", Replay(Pid, 3, 3).Events.Single().Payload);
    }

    [Fact]
    public void Journal_stores_no_event_of_an_atomic_write_that_repeats_a_stored_sequence_number()
    {
        WriteEvents(Pid, 1, 3);

        var probe = Write(new AtomicWrite(ImmutableList.Create<IPersistentRepresentation>(Event(Pid, 3), Event(Pid, 4))));

        probe.ExpectMsg<WriteMessagesFailed>();
        var (events, highest) = Replay(Pid);
        Assert.Equal([1, 2, 3], SequenceNrs(events));
        Assert.Equal(3, highest);
    }

    [Fact]
    public void Journal_commits_the_other_actors_writes_queued_together_with_a_duplicate()
    {
        WriteEvents(Pid, 1, 3);

        var duplicate = Write(new AtomicWrite(Event(Pid, 2)));
        var neighbour = Write(new AtomicWrite(Event("partition-1", 1)));

        duplicate.ExpectMsg<WriteMessagesFailed>();
        neighbour.ExpectMsg<WriteMessagesSuccessful>();
        Assert.Equal([1], SequenceNrs(Replay("partition-1").Events));
    }

    [Fact]
    public void A_second_incarnation_that_writes_a_sequence_number_the_first_already_wrote_is_stopped()
    {
        var first = Sys.ActorOf(LogActor.Props(Pid), "first-incarnation");
        var second = Sys.ActorOf(LogActor.Props(Pid), "second-incarnation");
        foreach (var incarnation in new[] { first, second })
        {
            incarnation.Tell(new LogActor.GetState());
            Assert.Equal(0, ExpectMsg<LogActor.State>().LastSequenceNr);
        }

        first.Tell(new LogActor.Append("from-first"));
        ExpectMsg<LogActor.Appended>(m => m.SequenceNr == 1);
        Watch(second);
        second.Tell(new LogActor.Append("from-second"));

        ExpectTerminated(second);
        Assert.Equal(["from-first"], Replay(Pid).Events.Select(e => e.Payload));
    }

    private Akka.TestKit.TestProbe Write(AtomicWrite write)
    {
        var probe = CreateTestProbe();
        Journal.Tell(new WriteMessages([write], probe.Ref, actorInstanceId: 1));
        return probe;
    }
}
