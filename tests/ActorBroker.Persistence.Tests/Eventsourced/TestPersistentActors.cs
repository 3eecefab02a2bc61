using ActorBroker.Actors;

namespace ActorBroker.Persistence.Tests.Eventsourced;

/// <summary>Appends strings to a list; the list is its whole state. Reports recovery and acks to a probe.</summary>
internal sealed class ListActor : ReceivePersistentActor
{
    private readonly IActorRef _probe;
    private readonly Recovery? _recovery;
    private List<string> _items = [];

    public ListActor(string persistenceId, IActorRef probe, Recovery? recovery = null)
    {
        PersistenceId = persistenceId;
        _probe = probe;
        _recovery = recovery;

        Recover<string>(item => _items.Add(item));
        Recover<SnapshotOffer>(offer => _items = [.. ((string)offer.Snapshot).Split(',', StringSplitOptions.RemoveEmptyEntries)]);
        Recover<RecoveryCompleted>(_ => _probe.Tell(new Recovered([.. _items], LastSequenceNr)));

        Command<Add>(cmd => Persist(cmd.Item, item =>
        {
            _items.Add(item);
            Sender.Tell(new Added(item, LastSequenceNr));
        }));
        Command<AddAll>(cmd => PersistAll(cmd.Items, item =>
        {
            _items.Add(item);
            Sender.Tell(new Added(item, LastSequenceNr));
        }));
        Command<AddAsync>(cmd => PersistAsync(cmd.Item, item =>
        {
            _items.Add(item);
            Sender.Tell(new Added(item, LastSequenceNr));
        }));
        Command<Defer>(cmd => DeferAsync(cmd.Marker, marker => Sender.Tell(marker)));
        Command<AddUnserializable>(_ => Persist(new Unserializable(), _ => _probe.Tell("handler of a rejected event ran")));
        Command<Get>(_ => Sender.Tell(new State([.. _items], LastSequenceNr)));
        Command<TakeSnapshot>(_ => SaveSnapshot(string.Join(',', _items)));
        Command<SaveSnapshotSuccess>(s => _probe.Tell(s));
        Command<SaveSnapshotFailure>(f => _probe.Tell(f));
        Command<DeleteUpTo>(d => DeleteMessages(d.SequenceNr));
        Command<DeleteMessagesSuccess>(s => _probe.Tell(s));
        Command<DeleteMessagesFailure>(f => _probe.Tell(f));
        Command<Crash>(_ => throw new InvalidOperationException("crash requested by the test"));
    }

    public override string PersistenceId { get; }

    protected override Recovery Recovery => _recovery ?? Recovery.Default;

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        base.OnPersistRejected(cause, @event, sequenceNr);
        _probe.Tell(new Rejected(@event.GetType().Name, cause.GetType().Name));
    }

    public sealed record Add(string Item);

    public sealed record AddAll(string[] Items);

    public sealed record AddAsync(string Item);

    public sealed record Defer(string Marker);

    public sealed record AddUnserializable;

    public sealed record Get;

    public sealed record TakeSnapshot;

    public sealed record DeleteUpTo(long SequenceNr);

    public sealed record Crash;

    public sealed record Added(string Item, long SequenceNr);

    public sealed record State(string[] Items, long LastSequenceNr);

    public sealed record Recovered(string[] Items, long LastSequenceNr);

    public sealed record Rejected(string EventType, string Cause);

    /// <summary>No serializer is bound to this type, so persisting it is rejected.</summary>
    public sealed class Unserializable;
}
