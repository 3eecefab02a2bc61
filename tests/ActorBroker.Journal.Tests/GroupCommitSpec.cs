using ActorBroker.Journal.Tests.Support;
using Akka.Actor;
using Xunit.Abstractions;

namespace ActorBroker.Journal.Tests;

/// <summary>Writes from many persistent actors share transactions.</summary>
public sealed class GroupCommitSpec(ITestOutputHelper output) : JournalTestKit(output)
{
    [Fact]
    public void Writes_from_many_persistent_actors_are_committed_in_fewer_transactions_than_writes()
    {
        const int Actors = 12;
        const int EventsPerActor = 30;
        var logs = Enumerable.Range(0, Actors).Select(i => Sys.ActorOf(LogActor.Props($"partition-{i}"))).ToList();

        // Every command is sent up front: each actor persists one event at a time, all actors at once.
        foreach (var log in logs)
        {
            for (var i = 0; i < EventsPerActor; i++)
            {
                log.Tell(new LogActor.Append($"e-{i}"));
            }
        }

        ReceiveN(Actors * EventsPerActor);
        Journal.Tell(GetJournalStats.Instance);
        var stats = ExpectMsg<JournalStats>();

        Assert.Equal(Actors * EventsPerActor, stats.Appends);
        Assert.Equal(Actors * EventsPerActor, stats.Events);
        Assert.InRange(stats.Transactions, 1, stats.Appends - 1);
        Output?.WriteLine($"{stats.Appends} writes in {stats.Transactions} transactions");
    }
}
