namespace ActorBroker.Client.Producer;

/// <summary>
/// Records handed over by the facade's callers, drained by the producer actor: many records per actor message instead
/// of one message each. Callers reserve buffer memory before they add, so what waits here is bounded by buffer.memory.
/// </summary>
internal sealed class ProduceStage
{
    // A list grown by a burst is dropped rather than kept, so one burst does not pin its memory for good.
    private const int MaxKeptCapacity = 64 * 1024;
    private readonly Lock _lock = new();
    private List<PendingRecord> _incoming = new(256);
    private List<PendingRecord>? _spare = new(256);
    private bool _signalled;
    private bool _closed;

    /// <summary>Adds a record, unless the stage is closed; tells the caller whether it must tell the actor to drain.</summary>
    public StageResult Add(in PendingRecord record)
    {
        lock (_lock)
        {
            if (_closed) return StageResult.Closed;
            _incoming.Add(record);
            if (_signalled) return StageResult.Added;
            _signalled = true;
            return StageResult.AddedDrainNeeded;
        }
    }

    /// <summary>Refuses further records and returns those nobody drained (the producer has stopped).</summary>
    public List<PendingRecord> Close()
    {
        lock (_lock)
        {
            _closed = true;
            var left = _incoming;
            _incoming = [];
            return left;
        }
    }

    /// <summary>Takes everything staged; the next <see cref="Add"/> signals again.</summary>
    public List<PendingRecord> TakeAll()
    {
        lock (_lock)
        {
            var taken = _incoming;
            _incoming = _spare ?? new List<PendingRecord>(256);
            _spare = null;
            _signalled = false;
            return taken;
        }
    }

    public void Recycle(List<PendingRecord> list)
    {
        if (list.Capacity > MaxKeptCapacity) return;
        list.Clear();
        lock (_lock) _spare ??= list;
    }
}

internal enum StageResult
{
    Added,
    AddedDrainNeeded,
    Closed,
}
