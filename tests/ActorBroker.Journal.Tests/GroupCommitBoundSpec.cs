using ActorBroker.Journal.Tests.Support;
using Akka.Actor;
using Xunit.Abstractions;

namespace ActorBroker.Journal.Tests;

/// <summary>
/// max-batch-size bounds the events in a transaction but never splits one actor's write; a full queue (queue-capacity)
/// makes writers wait, and loses or reorders nothing.
/// </summary>
public sealed class GroupCommitBoundSpec(ITestOutputHelper output)
    : JournalTestKit(output, $"{ActorBrokerJournal.JournalPath} {{ max-batch-size = 1, queue-capacity = 1 }}")
{
    [Fact]
    public void A_transaction_takes_no_more_writes_once_it_holds_max_batch_size_events()
    {
        var logs = Enumerable.Range(0, 6).Select(i => Sys.ActorOf(LogActor.Props($"partition-{i}"))).ToList();
        foreach (var log in logs)
        {
            for (var i = 0; i < 10; i++)
            {
                log.Tell(new LogActor.Append($"e-{i}"));
            }
        }

        ReceiveN(60);
        WriteEvents("partition-many", 1, 3); // one write of three events: one transaction, not split

        Journal.Tell(GetJournalStats.Instance);
        var stats = ExpectMsg<JournalStats>();
        Assert.Equal(61, stats.Appends);
        Assert.Equal(63, stats.Events);
        Assert.Equal(stats.Appends, stats.Transactions);
        Assert.Equal([1, 2, 3], SequenceNrs(Replay("partition-many").Events));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"e-{i}"), Replay("partition-5").Events.Select(e => e.Payload));
    }
}
