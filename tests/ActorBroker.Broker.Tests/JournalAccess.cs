using System.Collections.Immutable;
using Akka.Actor;
using Akka.Persistence;
using Akka.TestKit;

namespace ActorBroker.Broker.Tests;

/// <summary>Reads and writes a system's journal directly, through Akka's journal protocol, as an earlier incarnation would have.</summary>
internal sealed class JournalAccess(ActorSystem system, TestProbe probe)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private readonly IActorRef _journal = Persistence.Instance.Apply(system).JournalFor(null);

    /// <summary>The sequence numbers of <paramref name="persistenceId"/>'s events still in the journal.</summary>
    public async Task<List<long>> StoredSequenceNrsAsync(string persistenceId) =>
        [.. (await ReplayAsync(persistenceId)).Select(p => p.SequenceNr)];

    /// <summary><paramref name="persistenceId"/>'s events still in the journal, in order.</summary>
    public async Task<List<IPersistentRepresentation>> ReplayAsync(string persistenceId)
    {
        var events = new List<IPersistentRepresentation>();
        _journal.Tell(new ReplayMessages(1, long.MaxValue, long.MaxValue, persistenceId, probe.Ref));
        while (true)
        {
            switch (await probe.ReceiveOneAsync(Timeout))
            {
                case ReplayedMessage replayed:
                    events.Add(replayed.Persistent);
                    break;
                case RecoverySuccess:
                    return events;
                case var other:
                    throw new InvalidOperationException($"replaying {persistenceId} answered {other}");
            }
        }
    }

    /// <summary>Appends <paramref name="events"/> after <paramref name="persistenceId"/>'s highest sequence number, in one atomic write.</summary>
    public async Task WriteEventsAsync(string persistenceId, params object[] events)
    {
        _journal.Tell(new ReplayMessages(1, 0, 0, persistenceId, probe.Ref));
        var highest = (await probe.ExpectMsgAsync<RecoverySuccess>(Timeout)).HighestSequenceNr;
        var reprs = events.Select((e, i) => (IPersistentRepresentation)new Persistent(e, highest + 1 + i, persistenceId, writerGuid: "tests")).ToImmutableList();
        _journal.Tell(new WriteMessages([new AtomicWrite(reprs)], probe.Ref, 1));
        await probe.ExpectMsgAsync<WriteMessagesSuccessful>(Timeout);
        for (var i = 0; i < reprs.Count; i++) await probe.ExpectMsgAsync<WriteMessageSuccess>(Timeout);
    }
}
