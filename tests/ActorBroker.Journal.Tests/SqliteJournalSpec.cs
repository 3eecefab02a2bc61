using ActorBroker.Journal.Tests.Support;
using Akka.Actor;
using Akka.Persistence;
using Xunit.Abstractions;

namespace ActorBroker.Journal.Tests;

/// <summary>The journal protocol cases of Akka.Persistence.TCK's JournalSpec, on the SQLite journal.</summary>
public sealed class SqliteJournalSpec : JournalTestKit
{
    private const string Pid = "partition-0";

    public SqliteJournalSpec(ITestOutputHelper output)
        : base(output)
    {
        WriteEvents(Pid, 1, 5);
    }

    [Theory]
    [InlineData(1, long.MaxValue, long.MaxValue, new long[] { 1, 2, 3, 4, 5 })]
    [InlineData(3, long.MaxValue, long.MaxValue, new long[] { 3, 4, 5 })]
    [InlineData(1, 3, long.MaxValue, new long[] { 1, 2, 3 })]
    [InlineData(1, long.MaxValue, 3, new long[] { 1, 2, 3 })]
    [InlineData(2, 3, long.MaxValue, new long[] { 2, 3 })]
    [InlineData(2, 5, 2, new long[] { 2, 3 })]
    [InlineData(2, 2, long.MaxValue, new long[] { 2 })]
    [InlineData(2, long.MaxValue, 1, new long[] { 2 })]
    [InlineData(1, long.MaxValue, 0, new long[0])]
    [InlineData(3, 2, long.MaxValue, new long[0])]
    public void Journal_replays_exactly_the_events_within_the_bounds_and_count_limit(long from, long to, long max, long[] expected)
    {
        var (events, highest) = Replay(Pid, from, to, max);

        Assert.Equal(expected, SequenceNrs(events));
        Assert.All(events, e => Assert.Equal($"a-{e.SequenceNr}", e.Payload));
        Assert.Equal(5, highest);
    }

    [Fact]
    public void Journal_replays_events_with_their_persistence_id_writer_and_manifest()
    {
        var replayed = Replay(Pid, 4, 4).Events.Single();

        Assert.Equal(Pid, replayed.PersistenceId);
        Assert.Equal(WriterGuid, replayed.WriterGuid);
        Assert.False(replayed.IsDeleted);
        Assert.True(replayed.Timestamp > 0);
    }

    [Fact]
    public void Journal_replays_nothing_and_reports_zero_for_a_persistence_id_that_never_wrote()
    {
        var (events, highest) = Replay("partition-never-written");

        Assert.Empty(events);
        Assert.Equal(0, highest);
    }

    [Fact]
    public void Journal_keeps_the_events_of_different_persistence_ids_apart()
    {
        WriteEvents("partition-1", 1, 3);

        Assert.Equal([1, 2, 3], SequenceNrs(Replay("partition-1").Events));
        Assert.Equal([1, 2, 3, 4, 5], SequenceNrs(Replay(Pid).Events));
    }

    [Fact]
    public void Journal_does_not_replay_events_deleted_up_to_a_sequence_number()
    {
        DeleteTo(3);

        var (events, highest) = Replay(Pid);

        Assert.Equal([4, 5], SequenceNrs(events));
        Assert.Equal(5, highest);
    }

    [Fact]
    public void Journal_keeps_the_highest_sequence_number_after_deleting_every_event()
    {
        DeleteTo(long.MaxValue);

        var (events, highest) = Replay(Pid);

        Assert.Empty(events);
        Assert.Equal(5, highest);
    }

    [Fact]
    public void Journal_continues_the_sequence_after_a_delete_of_every_event()
    {
        DeleteTo(long.MaxValue);

        WriteEvents(Pid, 6, 7);

        Assert.Equal([6, 7], SequenceNrs(Replay(Pid).Events));
    }

    private void DeleteTo(long toSequenceNr)
    {
        var probe = CreateTestProbe();
        Journal.Tell(new DeleteMessagesTo(Pid, toSequenceNr, probe.Ref));
        probe.ExpectMsg<DeleteMessagesSuccess>(m => m.ToSequenceNr == toSequenceNr);
    }
}
