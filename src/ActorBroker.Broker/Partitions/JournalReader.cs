using Akka.Actor;
using Akka.Persistence;
using ActorBroker.Protocol.Records;

namespace ActorBroker.Broker.Partitions;

/// <summary>
/// One journal read of a partition, for batches that left its tail cache: replays the events between two sequence
/// numbers through Akka's journal protocol (<see cref="ReplayMessages"/>), keeps the record batches, and sends them to
/// its parent as one <see cref="JournalBatchesRead"/> (or <see cref="JournalReadFailed"/>), then stops. A child actor
/// rather than the partition itself, because the partition's own replay is its recovery.
/// </summary>
internal sealed class JournalReader : ActorBase
{
    private readonly IActorRef _journal;
    private readonly string _persistenceId;
    private readonly long _id;
    private readonly long _from;
    private readonly long _to;
    private readonly List<RecordBatch> _batches;

    public JournalReader(IActorRef journal, string persistenceId, long id, long from, long to, int expected)
    {
        _journal = journal;
        _persistenceId = persistenceId;
        _id = id;
        _from = from;
        _to = to;
        _batches = new List<RecordBatch>(expected);
    }

    public static Props Props(IActorRef journal, string persistenceId, long id, long from, long to, int expected) =>
        Akka.Actor.Props.Create(() => new JournalReader(journal, persistenceId, id, from, to, expected));

    // Markers and truncated batches may sit between the batches; the range holds at most that many more events.
    protected override void PreStart() => _journal.Tell(new ReplayMessages(_from, _to, _to - _from + 1, _persistenceId, Self));

    protected override bool Receive(object message)
    {
        switch (message)
        {
            case ReplayedMessage { Persistent.Payload: RecordBatch batch }:
                _batches.Add(batch);
                return true;
            case ReplayedMessage { Persistent.Payload: LogTruncated truncated }:
                // The index skips the batches a truncation dropped, but a range between two live batches can span
                // them. Offsets grow again from the new log end, so the dropped ones are the newest read so far.
                while (_batches.Count > 0 && _batches[^1].NextOffset > truncated.Offset) _batches.RemoveAt(_batches.Count - 1);
                return true;
            case ReplayedMessage:
                return true; // a log start marker
            case RecoverySuccess:
                Finish(new JournalBatchesRead(_id, _batches));
                return true;
            case ReplayMessagesFailure failure:
                Finish(new JournalReadFailed(_id, failure.Cause));
                return true;
            default:
                return false;
        }
    }

    private void Finish(object result)
    {
        Context.Parent.Tell(result, Self);
        Context.Stop(Self);
    }
}

/// <summary>A <see cref="JournalReader"/> read these batches for read <paramref name="Id"/>.</summary>
internal sealed record JournalBatchesRead(long Id, List<RecordBatch> Batches);

/// <summary>The journal failed read <paramref name="Id"/>.</summary>
internal sealed record JournalReadFailed(long Id, Exception Cause);
