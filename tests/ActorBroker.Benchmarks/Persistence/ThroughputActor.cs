using ActorBroker.Persistence;

namespace ActorBroker.Benchmarks.Persistence;

/// <summary>
/// Persists <c>count</c> copies of one payload, then completes <c>done</c>. With PersistAsync it keeps up to
/// <c>window</c> writes in flight (a partition leader pipelining record batches); with Persist it stores one
/// event at a time (the next is persisted from the previous one's handler), like a request/response actor.
/// </summary>
internal sealed class ThroughputActor : ReceivePersistentActor
{
    private readonly int _count;
    private readonly int _window;
    private readonly byte[] _payload;
    private readonly bool _pipelined;
    private readonly TaskCompletionSource _done;
    private int _issued;
    private int _acked;

    public ThroughputActor(
        string persistenceId, int count, int window, byte[] payload, bool pipelined,
        TaskCompletionSource recovered, TaskCompletionSource done)
    {
        PersistenceId = persistenceId;
        _count = count;
        _window = pipelined ? window : 1;
        _payload = payload;
        _pipelined = pipelined;
        _done = done;
        Recover<RecoveryCompleted>(_ => recovered.TrySetResult());
        Command<Start>(_ =>
        {
            while (_issued < _count && _issued - _acked < _window) PersistNext();
        });
    }

    public override string PersistenceId { get; }

    private void PersistNext()
    {
        _issued++;
        if (_pipelined) PersistAsync(_payload, OnPersisted);
        else Persist(_payload, OnPersisted);
    }

    private void OnPersisted(byte[] _)
    {
        _acked++;
        if (_acked == _count)
        {
            _done.TrySetResult();
            return;
        }

        if (_issued < _count) PersistNext();
    }

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        _done.TrySetException(cause);
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        _done.TrySetException(cause);
        base.OnPersistRejected(cause, @event, sequenceNr);
    }

    /// <summary>Begin persisting.</summary>
    public sealed class Start
    {
        public static readonly Start Instance = new();
    }
}
