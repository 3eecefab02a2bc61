using ActorBroker.Hocon;

namespace ActorBroker.Remote.FailureDetection;

/// <summary>
/// The settings of a phi accrual failure detector, as found in <c>actorbroker.cluster.failure-detector</c>
/// and <c>actorbroker.remote.watch-failure-detector</c>.
/// </summary>
/// <param name="Threshold">Phi at or above which a node counts as failed.</param>
/// <param name="MaxSampleSize">Heartbeat intervals kept to estimate mean and deviation.</param>
/// <param name="MinStdDeviation">Floor of the estimated deviation.</param>
/// <param name="AcceptableHeartbeatPause">Lateness tolerated on top of the observed intervals.</param>
/// <param name="HeartbeatInterval">How often heartbeats are sent; also the first interval estimate.</param>
/// <param name="ExpectedResponseAfter">Grace period before the first heartbeat from a new node is expected.</param>
public sealed record FailureDetectorSettings(
    double Threshold,
    int MaxSampleSize,
    TimeSpan MinStdDeviation,
    TimeSpan AcceptableHeartbeatPause,
    TimeSpan HeartbeatInterval,
    TimeSpan ExpectedResponseAfter)
{
    /// <summary>Reads the settings from a failure-detector section; errors name the key relative to it.</summary>
    /// <exception cref="ConfigException">A key is missing or out of range.</exception>
    public static FailureDetectorSettings FromConfig(Config section) => FromConfig(section, "");

    /// <summary>
    /// Reads the settings from the section found at <paramref name="sectionPath"/> (e.g.
    /// <c>actorbroker.cluster.failure-detector</c>), so errors name the full path of the bad key.
    /// </summary>
    /// <exception cref="ConfigException">A key is missing or out of range.</exception>
    public static FailureDetectorSettings FromConfig(Config section, string sectionPath)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(sectionPath);
        string PathOf(string key) => sectionPath.Length == 0 ? key : $"{sectionPath}.{key}";
        ConfigException OutOfRange(string key, object value, string requirement) =>
            new(PathOf(key), $"{PathOf(key)} must be {requirement} but is {value}");

        var threshold = section.GetDouble("threshold");
        if (!(threshold > 0) || double.IsInfinity(threshold)) throw OutOfRange("threshold", threshold, "a finite number greater than 0");
        var maxSampleSize = section.GetInt("max-sample-size");
        if (maxSampleSize < 1) throw OutOfRange("max-sample-size", maxSampleSize, "at least 1");
        var minStdDeviation = section.GetTimeSpan("min-std-deviation");
        if (minStdDeviation <= TimeSpan.Zero) throw OutOfRange("min-std-deviation", minStdDeviation, "greater than 0");
        var acceptablePause = section.GetTimeSpan("acceptable-heartbeat-pause");
        if (acceptablePause < TimeSpan.Zero) throw OutOfRange("acceptable-heartbeat-pause", acceptablePause, "0 or more");
        var heartbeatInterval = section.GetTimeSpan("heartbeat-interval");
        if (heartbeatInterval <= TimeSpan.Zero) throw OutOfRange("heartbeat-interval", heartbeatInterval, "greater than 0");
        var expectedResponseAfter = section.GetTimeSpan("expected-response-after");
        if (expectedResponseAfter <= TimeSpan.Zero) throw OutOfRange("expected-response-after", expectedResponseAfter, "greater than 0");

        return new FailureDetectorSettings(threshold, maxSampleSize, minStdDeviation, acceptablePause, heartbeatInterval, expectedResponseAfter);
    }

    /// <summary>A fresh detector with these settings, reading <see cref="Environment.TickCount64"/>.</summary>
    public PhiAccrualFailureDetector CreateDetector() => CreateDetector(() => Environment.TickCount64);

    /// <summary>A fresh detector with these settings and the given millisecond clock (tests pass a fake one).</summary>
    public PhiAccrualFailureDetector CreateDetector(Func<long> clockMillis) =>
        new(Threshold, MaxSampleSize, MinStdDeviation, AcceptableHeartbeatPause, HeartbeatInterval, clockMillis);
}
