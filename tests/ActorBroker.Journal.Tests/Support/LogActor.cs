using Akka.Actor;
using Akka.Persistence;

namespace ActorBroker.Journal.Tests.Support;

/// <summary>
/// A small event-sourced log: persists each appended entry as an event, can snapshot its entries, and reports where its
/// recovery started. Stands in for a partition log in tests of the journal and snapshot store.
/// </summary>
public sealed class LogActor : ReceivePersistentActor
{
    private List<string> _entries = [];
    private long _recoveredFromSnapshotAt;
    private IActorRef _requester = ActorRefs.Nobody; // who asked for the snapshot or delete in progress

    public LogActor(string persistenceId)
    {
        PersistenceId = persistenceId;

        Recover<SnapshotOffer>(offer =>
        {
            _entries = [.. (string[])offer.Snapshot];
            _recoveredFromSnapshotAt = offer.Metadata.SequenceNr;
        });
        Recover<string>(entry => _entries.Add(entry));

        Command<Append>(append => Persist(append.Entry, entry =>
        {
            _entries.Add(entry);
            Sender.Tell(new Appended(LastSequenceNr));
        }));
        Command<TakeSnapshot>(_ =>
        {
            _requester = Sender;
            SaveSnapshot(_entries.ToArray());
        });
        Command<SaveSnapshotSuccess>(success => _requester.Tell(success));
        Command<DeleteEventsTo>(delete =>
        {
            _requester = Sender;
            DeleteMessages(delete.SequenceNr);
        });
        Command<DeleteMessagesSuccess>(success => _requester.Tell(success));
        Command<GetState>(_ => Sender.Tell(new State([.. _entries], LastSequenceNr, _recoveredFromSnapshotAt)));
    }

    public override string PersistenceId { get; }

    public static Props Props(string persistenceId) => Akka.Actor.Props.Create(() => new LogActor(persistenceId));

    public sealed record Append(string Entry);

    public sealed record Appended(long SequenceNr);

    public sealed record TakeSnapshot;

    public sealed record DeleteEventsTo(long SequenceNr);

    public sealed record GetState;

    public sealed record State(IReadOnlyList<string> Entries, long LastSequenceNr, long RecoveredFromSnapshotAt);
}
