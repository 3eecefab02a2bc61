using ActorBroker.Journal.Tests.Support;
using Akka.Actor;
using Akka.Persistence;
using Xunit.Abstractions;

namespace ActorBroker.Journal.Tests;

/// <summary>The database outlives the ActorSystem: a node restarted on the same file finds its journal as it left it.</summary>
public sealed class ReopenSpec(ITestOutputHelper output) : JournalTestKit(output)
{
    [Fact]
    public async Task Events_and_deletes_of_one_actor_system_are_seen_by_the_next_one_on_the_same_file()
    {
        var first = StartSystem("first-node-run");
        var firstJournal = Persistence.Instance.Apply(first).JournalFor(null);
        WriteEvents("partition-0", 1, 5, firstJournal);
        WriteEvents("partition-1", 1, 2, firstJournal);
        var probe = CreateTestProbe();
        firstJournal.Tell(new DeleteMessagesTo("partition-0", 2, probe.Ref));
        probe.ExpectMsg<DeleteMessagesSuccess>();
        await first.Terminate();

        var (events, highest) = Replay("partition-0");

        Assert.Equal([3, 4, 5], SequenceNrs(events));
        Assert.Equal(5, highest);
        Assert.Equal([1, 2], SequenceNrs(Replay("partition-1").Events));
    }
}
