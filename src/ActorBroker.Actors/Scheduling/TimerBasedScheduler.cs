namespace ActorBroker.Actors;

/// <summary>
/// The system scheduler, built on <see cref="System.Threading.Timer"/>, whose timer queue scales to many
/// timers. All pending schedules are cancelled when the system terminates.
/// </summary>
internal sealed class TimerBasedScheduler : IScheduler, IDisposable
{
    private readonly HashSet<Scheduled> _pending = [];
    private readonly Lock _lock = new();
    private bool _disposed;

    public DateTimeOffset Now => DateTimeOffset.UtcNow;

    public ICancelable ScheduleTellOnce(TimeSpan delay, IActorRef receiver, object message, IActorRef? sender) =>
        Schedule(delay, Timeout.InfiniteTimeSpan, () => receiver.Tell(message, sender));

    public ICancelable ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, IActorRef receiver, object message, IActorRef? sender)
    {
        if (interval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(interval), interval, "The interval must be positive");
        return Schedule(initialDelay, interval, () => receiver.Tell(message, sender));
    }

    public ICancelable ScheduleOnce(TimeSpan delay, Action action) => Schedule(delay, Timeout.InfiniteTimeSpan, action);

    private Scheduled Schedule(TimeSpan delay, TimeSpan interval, Action action)
    {
        if (delay < TimeSpan.Zero) delay = TimeSpan.Zero;
        var scheduled = new Scheduled(this, action, interval == Timeout.InfiniteTimeSpan);
        lock (_lock)
        {
            if (_disposed) throw new InvalidOperationException("The scheduler has been shut down with its actor system");
            _pending.Add(scheduled);
        }

        scheduled.Start(delay, interval);
        return scheduled;
    }

    private void Remove(Scheduled scheduled)
    {
        lock (_lock) _pending.Remove(scheduled);
    }

    public void Dispose()
    {
        Scheduled[] all;
        lock (_lock)
        {
            _disposed = true;
            all = [.. _pending];
            _pending.Clear();
        }

        foreach (var s in all) s.Cancel();
    }

    private sealed class Scheduled(TimerBasedScheduler owner, Action action, bool once) : ICancelable
    {
        private Timer? _timer;
        private int _cancelled;

        public bool IsCancellationRequested => Volatile.Read(ref _cancelled) == 1;

        public void Start(TimeSpan delay, TimeSpan interval)
        {
            var timer = new Timer(static s => ((Scheduled)s!).Fire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _timer = timer;
            timer.Change(delay, interval);
            if (IsCancellationRequested) timer.Dispose();
        }

        private void Fire()
        {
            if (IsCancellationRequested) return;
            if (once) Cancel();
            action();
        }

        public void Cancel()
        {
            if (Interlocked.Exchange(ref _cancelled, 1) == 1) return;
            _timer?.Dispose();
            owner.Remove(this);
        }
    }
}
