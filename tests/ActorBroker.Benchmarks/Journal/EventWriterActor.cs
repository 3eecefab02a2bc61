using Akka.Actor;
using Akka.Persistence;

namespace ActorBroker.Benchmarks.Journal;

/// <summary>
/// An Akka.NET persistent actor standing in for a partition log: persists a fixed number of byte[] events (one per record
/// batch) and answers <see cref="Done"/> when the last handler has run. With a window above 1 it keeps that many
/// PersistAsync writes in flight (Akka folds those queued behind a running write into the next WriteMessages); with 1 it
/// uses Persist, one event per round trip.
/// </summary>
internal sealed class EventWriterActor : ReceivePersistentActor
{
    private readonly byte[] _payload;
    private IActorRef _replyTo = ActorRefs.Nobody;
    private int _window;
    private int _toSend;
    private int _inFlight;

    public EventWriterActor(string persistenceId, int eventSize)
    {
        PersistenceId = persistenceId;
        _payload = new byte[eventSize];
        new Random(persistenceId.GetHashCode(StringComparison.Ordinal)).NextBytes(_payload);

        Recover<byte[]>(_ => { });
        Command<Ready>(_ => Sender.Tell(Ready.Instance));
        Command<Start>(start =>
        {
            _replyTo = Sender;
            _window = start.Window;
            _toSend = start.Events;
            Fill();
        });
    }

    public override string PersistenceId { get; }

    public static Props Props(string persistenceId, int eventSize) =>
        Akka.Actor.Props.Create(() => new EventWriterActor(persistenceId, eventSize));

    // Events are persisted one by one, each its own atomic write, as a partition log persists one record batch per event;
    // PersistAll would make the whole window one atomic write.
#pragma warning disable AK1006
    private void Fill()
    {
        while (_inFlight < _window && _toSend > 0)
        {
            _toSend--;
            _inFlight++;
            if (_window == 1)
            {
                Persist(_payload, OnPersisted);
            }
            else
            {
                PersistAsync(_payload, OnPersisted);
            }
        }
    }

#pragma warning restore AK1006

    private void OnPersisted(byte[] _)
    {
        _inFlight--;
        if (_toSend == 0 && _inFlight == 0)
        {
            _replyTo.Tell(Done.Instance);
            return;
        }

        Fill();
    }

    /// <summary>Answered once recovery is over.</summary>
    public sealed class Ready
    {
        public static readonly Ready Instance = new();
    }

    public sealed record Start(int Events, int Window);

    public sealed class Done
    {
        public static readonly Done Instance = new();
    }
}
