using System.Collections.Concurrent;

namespace ActorBroker.Actors;

/// <summary>
/// An actor's two queues: system messages, which always go first, and user messages. At most one
/// thread runs a mailbox at a time; that is what makes actor state single-threaded.
/// </summary>
internal sealed class Mailbox : IThreadPoolWorkItem
{
    private const int Idle = 0;
    private const int Scheduled = 1;

    private readonly ConcurrentQueue<Envelope> _user = new();
    private readonly ConcurrentQueue<ISystemMessage> _system = new();
    // Unstashed messages go here: only the actor's own thread touches it, so it needs no locking.
    private readonly LinkedList<Envelope> _prepended = new();
    private readonly int _capacity;
    private int _userCount;
    private int _status;
    private volatile bool _closed;
    private ActorCell _cell = null!;
    private Dispatcher _dispatcher = null!;

    public Mailbox(int capacity) => _capacity = capacity;

    public bool IsClosed => _closed;

    public int UserMessageCount => Volatile.Read(ref _userCount) + _prepended.Count;

    public void Attach(ActorCell cell, Dispatcher dispatcher)
    {
        _cell = cell;
        _dispatcher = dispatcher;
    }

    public void Post(object message, IActorRef? sender)
    {
        if (_closed)
        {
            _cell.System.DeadLetterRef.Tell(message, sender, _cell.Self);
            return;
        }

        if (_capacity > 0 && Interlocked.Increment(ref _userCount) > _capacity)
        {
            Interlocked.Decrement(ref _userCount);
            _cell.System.DeadLetterRef.Tell(message, sender, _cell.Self, $"mailbox full ({_capacity} messages)");
            return;
        }

        _user.Enqueue(new Envelope(message, sender));
        if (_closed) DrainUserToDeadLetters();
        else TrySchedule();
    }

    public void PostSystem(ISystemMessage message)
    {
        if (_closed)
        {
            _cell.OnSystemMessageAfterTermination(message);
            return;
        }

        _system.Enqueue(message);
        TrySchedule();
    }

    public void PrependUser(Envelope envelope) => _prepended.AddFirst(envelope);

    /// <summary>Closes the mailbox for good; everything still queued becomes a dead letter.</summary>
    public void Close()
    {
        _closed = true;
        DrainUserToDeadLetters();
        while (_system.TryDequeue(out var msg)) _cell.OnSystemMessageAfterTermination(msg);
    }

    private void DrainUserToDeadLetters()
    {
        foreach (var envelope in _prepended) _cell.System.DeadLetterRef.Tell(envelope.Message, envelope.Sender, _cell.Self);
        _prepended.Clear();
        while (_user.TryDequeue(out var envelope)) _cell.System.DeadLetterRef.Tell(envelope.Message, envelope.Sender, _cell.Self);
    }

    private void TrySchedule()
    {
        // A mailbox that is already scheduled needs nothing. Reading first spares a compare-exchange that would take
        // this line (and the fields the running actor reads on it) away from the actor's core on every Post. Safe:
        // the enqueue before this read is an interlocked operation, and Execute resets the status with a full fence
        // before it looks at the queues, so one of the two sides sees the other.
        if (Volatile.Read(ref _status) == Scheduled) return;
        if (Interlocked.CompareExchange(ref _status, Scheduled, Idle) == Idle) _dispatcher.Schedule(this);
    }

    public void Execute()
    {
        try
        {
            if (!_closed) Run();
        }
        finally
        {
            // A full fence, not Volatile.Write: a release store may be reordered after the emptiness
            // checks below, so a Post that enqueued and then saw Scheduled would be stranded (a lost
            // wake-up; ping-pong between two actors hung within seconds). Interlocked.Exchange orders
            // the store before the loads, pairing with the CAS in TrySchedule after the enqueue.
            Interlocked.Exchange(ref _status, Idle);
            // Anything that arrived while we were finishing must not be stranded.
            if (!_closed && (!_system.IsEmpty || (_cell.CanProcessUserMessages && HasUserMessages))) TrySchedule();
        }
    }

    private bool HasUserMessages => _prepended.Count > 0 || !_user.IsEmpty;

    private void Run()
    {
        ProcessSystemMessages();
        var left = _dispatcher.Throughput;
        while (left-- > 0 && !_closed && _cell.CanProcessUserMessages && TryDequeueUser(out var envelope))
        {
            _cell.Invoke(envelope);
            if (!_system.IsEmpty) ProcessSystemMessages();
        }
    }

    private void ProcessSystemMessages()
    {
        while (!_closed && _system.TryDequeue(out var message)) _cell.SystemInvoke(message);
    }

    private bool TryDequeueUser(out Envelope envelope)
    {
        if (_prepended.First is { } first)
        {
            envelope = first.Value;
            _prepended.RemoveFirst();
            return true;
        }

        if (!_user.TryDequeue(out envelope)) return false;
        if (_capacity > 0) Interlocked.Decrement(ref _userCount);
        return true;
    }
}
