namespace ActorBroker.Kafka.Listener;

/// <summary>
/// When a connection is past its time: its first request not arrived within first-request-timeout, a request begun
/// but not arrived within request-receive-timeout, or no request for connections-max-idle with none unanswered. The
/// read loop writes two timestamps once per read; the listener's reaper asks <see cref="Expired"/> from its own thread.
/// </summary>
internal sealed class ConnectionDeadlines(KafkaSettings settings, TimeProvider time)
{
    private readonly long _connectedAt = time.GetTimestamp();
    private long _lastRequestAt;
    private long _partialSince;

    /// <summary>Whether the connection's first request arrived in full.</summary>
    public bool FirstRequestArrived => Volatile.Read(ref _lastRequestAt) != 0;

    /// <summary>One or more whole requests arrived: the connection is not idle, and no request is partly arrived.</summary>
    public void RequestsArrived()
    {
        Volatile.Write(ref _lastRequestAt, time.GetTimestamp());
        Volatile.Write(ref _partialSince, 0);
    }

    /// <summary>
    /// The read loop waits for more bytes, with part of a request buffered or none. The clock starts here, not when the
    /// request's first byte came: a connection the node itself stopped reading (its in-flight slots all taken) is not
    /// the client's delay.
    /// </summary>
    public void AwaitingBytes(bool partial)
    {
        if (!partial) Volatile.Write(ref _partialSince, 0);
        else if (Volatile.Read(ref _partialSince) == 0) Volatile.Write(ref _partialSince, time.GetTimestamp());
    }

    /// <summary>Why the connection must close now, naming the setting; null while it may stay.</summary>
    /// <param name="busy">Requests of the connection are unanswered: it is not idle however long ago its last one came.</param>
    public Expiry? Expired(long now, bool busy)
    {
        var partialSince = Volatile.Read(ref _partialSince);
        if (partialSince != 0 && time.GetElapsedTime(partialSince, now) > settings.RequestReceiveTimeout)
            return new Expiry($"a request did not arrive in full within {settings.RequestReceiveTimeout} ({KafkaSettings.Section}.request-receive-timeout)", false);
        var lastRequestAt = Volatile.Read(ref _lastRequestAt);
        if (lastRequestAt == 0 && time.GetElapsedTime(_connectedAt, now) > settings.FirstRequestTimeout)
            return new Expiry($"no whole first request within {settings.FirstRequestTimeout} ({KafkaSettings.Section}.first-request-timeout)", false);
        if (!busy && time.GetElapsedTime(lastRequestAt == 0 ? _connectedAt : lastRequestAt, now) > settings.ConnectionsMaxIdle)
            return new Expiry($"idle for {settings.ConnectionsMaxIdle} ({KafkaSettings.Section}.connections-max-idle)", true);
        return null;
    }
}

/// <summary>Why a connection is past its time; an idle one is routine (Kafka closes those quietly), the others are warned of.</summary>
internal readonly record struct Expiry(string Reason, bool IsIdle);
