namespace ActorBroker.Remote.FailureDetection;

/// <summary>
/// The phi accrual failure detector (Hayashibara et al.): instead of a yes/no timeout it reports phi, the
/// suspicion that a monitored node has failed, from how late the next heartbeat is compared to the
/// intervals seen so far. phi = -log10(P(a heartbeat arrives later than now)), so phi 8 means a one in
/// 10^8 chance that the node is merely slow. Thread-safe: the state is immutable and swapped atomically.
/// </summary>
public sealed class PhiAccrualFailureDetector
{
    private readonly double _threshold;
    private readonly double _minStdDeviationMillis;
    private readonly double _acceptableHeartbeatPauseMillis;
    private readonly Func<long> _clockMillis;
    private readonly State _firstHeartbeatState;
    private State _state;

    /// <param name="threshold">Phi at or above which the resource counts as unavailable.</param>
    /// <param name="maxSampleSize">Heartbeat intervals kept to estimate mean and deviation.</param>
    /// <param name="minStdDeviation">Floor of the deviation, so a very regular heartbeat does not make phi jumpy.</param>
    /// <param name="acceptableHeartbeatPause">Extra lateness tolerated on top of the mean (GC pauses, load).</param>
    /// <param name="firstHeartbeatEstimate">The interval assumed before any has been observed.</param>
    /// <param name="clockMillis">A monotonic millisecond clock; <see cref="Environment.TickCount64"/> by default.</param>
    public PhiAccrualFailureDetector(
        double threshold,
        int maxSampleSize,
        TimeSpan minStdDeviation,
        TimeSpan acceptableHeartbeatPause,
        TimeSpan firstHeartbeatEstimate,
        Func<long>? clockMillis = null)
    {
        if (!(threshold > 0) || double.IsInfinity(threshold))
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The failure detector threshold must be a finite number greater than 0");
        if (maxSampleSize < 1)
            throw new ArgumentOutOfRangeException(nameof(maxSampleSize), maxSampleSize, "The failure detector max sample size must be at least 1");
        if (minStdDeviation <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(minStdDeviation), minStdDeviation, "The failure detector min std deviation must be greater than 0");
        if (acceptableHeartbeatPause < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(acceptableHeartbeatPause), acceptableHeartbeatPause, "The failure detector acceptable heartbeat pause must be 0 or more");
        if (firstHeartbeatEstimate <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(firstHeartbeatEstimate), firstHeartbeatEstimate, "The failure detector first heartbeat estimate must be greater than 0");

        _threshold = threshold;
        _minStdDeviationMillis = minStdDeviation.TotalMilliseconds;
        _acceptableHeartbeatPauseMillis = acceptableHeartbeatPause.TotalMilliseconds;
        _clockMillis = clockMillis ?? (() => Environment.TickCount64);

        // One sample tells nothing about deviation, so seed the window with two samples around the estimate
        // (mean = estimate, deviation = estimate / 4): generous enough not to suspect a node at its second beat.
        var mean = (long)firstHeartbeatEstimate.TotalMilliseconds;
        var deviation = mean / 4;
        var seeded = HeartbeatHistory.Create(maxSampleSize).Add(mean - deviation).Add(mean + deviation);
        _firstHeartbeatState = new State(seeded, null);
        _state = new State(HeartbeatHistory.Create(maxSampleSize), null);
    }

    /// <summary>True once the first heartbeat has arrived; before that the resource counts as available.</summary>
    public bool IsMonitoring => Volatile.Read(ref _state).LastHeartbeat is not null;

    /// <summary>True while phi is below the threshold.</summary>
    public bool IsAvailable => PhiAt(Volatile.Read(ref _state), _clockMillis()) < _threshold;

    /// <summary>The current suspicion level; 0 before the first heartbeat.</summary>
    public double Phi => PhiAt(Volatile.Read(ref _state), _clockMillis());

    /// <summary>The intervals the estimate is currently based on (the seeded pair included).</summary>
    internal HeartbeatHistory History => Volatile.Read(ref _state).History;

    /// <summary>Records that a heartbeat from the monitored resource arrived now.</summary>
    public void HeartBeat()
    {
        var now = _clockMillis();
        while (true)
        {
            var old = Volatile.Read(ref _state);
            State next;
            if (old.LastHeartbeat is not { } last)
            {
                next = _firstHeartbeatState with { LastHeartbeat = now };
            }
            else
            {
                // A heartbeat after a suspected failure is not a sample of normal behaviour; learning from it
                // would inflate the mean and slow down the next detection.
                var history = PhiAt(old, now) < _threshold ? old.History.Add(now - last) : old.History;
                next = new State(history, now);
            }

            if (ReferenceEquals(Interlocked.CompareExchange(ref _state, next, old), old))
                return;
        }
    }

    private double PhiAt(State state, long nowMillis)
    {
        if (state.LastHeartbeat is not { } last)
            return 0;
        var elapsed = nowMillis - last;
        var mean = state.History.Mean + _acceptableHeartbeatPauseMillis;
        var deviation = Math.Max(state.History.StdDeviation, _minStdDeviationMillis);
        return PhiOf(elapsed, mean, deviation);
    }

    /// <summary>
    /// phi for a heartbeat <paramref name="elapsedMillis"/> late, with the normal CDF approximated by the
    /// logistic function of Bowling et al. (2009), as Akka and Cassandra do: cheap and accurate to 1.4e-4.
    /// </summary>
    internal static double PhiOf(double elapsedMillis, double meanMillis, double stdDeviationMillis)
    {
        var y = (elapsedMillis - meanMillis) / stdDeviationMillis;
        var e = Math.Exp(-y * (1.5976 + (0.070566 * y * y)));
        // Two algebraically equal forms; each keeps precision on its own side of the mean.
        return elapsedMillis > meanMillis
            ? -Math.Log10(e / (1.0 + e))
            : -Math.Log10(1.0 - (1.0 / (1.0 + e)));
    }

    private sealed record State(HeartbeatHistory History, long? LastHeartbeat);
}
