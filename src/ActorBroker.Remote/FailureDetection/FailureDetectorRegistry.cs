using System.Collections.Concurrent;

namespace ActorBroker.Remote.FailureDetection;

/// <summary>
/// One <see cref="PhiAccrualFailureDetector"/> per monitored resource (a node's address), created on its first
/// heartbeat. Resources never heard of count as available: absence of evidence is not suspicion.
/// Thread-safe.
/// </summary>
public sealed class FailureDetectorRegistry<T> where T : notnull
{
    private readonly Func<PhiAccrualFailureDetector> _factory;
    private readonly ConcurrentDictionary<T, PhiAccrualFailureDetector> _detectors = new();

    public FailureDetectorRegistry(Func<PhiAccrualFailureDetector> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _factory = factory;
    }

    /// <summary>Records a heartbeat from <paramref name="resource"/>, starting to monitor it if needed.</summary>
    public void HeartBeat(T resource) => _detectors.GetOrAdd(resource, _ => _factory()).HeartBeat();

    public bool IsAvailable(T resource) => !_detectors.TryGetValue(resource, out var detector) || detector.IsAvailable;

    public bool IsMonitoring(T resource) => _detectors.TryGetValue(resource, out var detector) && detector.IsMonitoring;

    /// <summary>The resource's current phi; 0 when it is not monitored.</summary>
    public double Phi(T resource) => _detectors.TryGetValue(resource, out var detector) ? detector.Phi : 0;

    /// <summary>Stops monitoring <paramref name="resource"/>; its next heartbeat starts a fresh history.</summary>
    public void Remove(T resource) => _detectors.TryRemove(resource, out _);

    /// <summary>Forgets every resource.</summary>
    public void Reset() => _detectors.Clear();
}
