using ActorBroker.Client.Connection;
using ActorBroker.Protocol.Messages;
using Akka.Actor;
using Akka.Event;

namespace ActorBroker.Client.Metadata;

/// <summary>
/// Keeps a client actor's metadata fresh: asks any node (through the broker entry) for the topics the actor uses when
/// a topic is new, when the actor reports stale leadership, and at least every metadata.max.age. One request at a time,
/// retried after retry.backoff when it fails or goes unanswered for request.timeout. A response older than the
/// snapshot held (a lagging node) is ignored. Also resolves node ids to refs of their front actors, cached per node.
/// Owned by one actor and driven by it (<see cref="Poll"/>, <see cref="OnResponse"/>); not thread-safe.
/// </summary>
internal sealed class MetadataTracker(ActorSystem system, IActorRef entry, IActorRef owner, ILoggingAdapter log, long maxAgeMs, long retryBackoffMs, long requestTimeoutMs)
{
    private readonly HashSet<string> _topics = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Path, IActorRef? Ref)> _nodeRefs = new(StringComparer.Ordinal);
    private long _correlation;
    private long _inFlight;
    private long _inFlightDeadlineMs;
    private long _lastAttemptMs = long.MinValue / 2;
    private long _lastSuccessMs = long.MinValue / 2;
    private bool _updateRequested;

    public ClusterMetadata Current { get; private set; } = ClusterMetadata.Empty;

    /// <summary>Adds a topic to the ones asked about; a new one triggers a refresh.</summary>
    public void Add(string topic)
    {
        if (_topics.Add(topic)) _updateRequested = true;
    }

    public void Remove(string topic) => _topics.Remove(topic);

    /// <summary>The owner saw stale metadata (an unknown leader, NotLeaderOrFollower...): refresh as soon as backoff allows.</summary>
    public void RequestUpdate() => _updateRequested = true;

    /// <summary>Sends a request when one is due and none is in flight; notices an unanswered one.</summary>
    public void Poll(long nowMs)
    {
        if (_inFlight != 0)
        {
            if (nowMs < _inFlightDeadlineMs) return;
            log.Warning("Metadata request {Correlation} got no answer within {Timeout} ms; retrying", _inFlight, requestTimeoutMs);
            _inFlight = 0;
            _updateRequested = true;
        }

        if (_topics.Count == 0 || !IsDue(nowMs) || nowMs < _lastAttemptMs + retryBackoffMs) return;
        _inFlight = ++_correlation;
        _inFlightDeadlineMs = nowMs + requestTimeoutMs;
        _lastAttemptMs = nowMs;
        entry.Tell(new MetadataRequest([.. _topics], _inFlight), owner);
    }

    /// <summary>When <see cref="Poll"/> should run next.</summary>
    public long NextDeadline(long nowMs)
    {
        if (_inFlight != 0) return _inFlightDeadlineMs;
        if (_topics.Count == 0) return long.MaxValue;
        return _updateRequested ? Math.Max(nowMs, _lastAttemptMs + retryBackoffMs) : _lastSuccessMs + maxAgeMs;
    }

    /// <summary>Takes a response in; false when it was older than what is known and changed nothing.</summary>
    public bool OnResponse(MetadataResponse response, long nowMs)
    {
        var answered = response.CorrelationId == _inFlight;
        if (answered) _inFlight = 0;
        if (response.MetadataVersion < Current.Version)
        {
            log.Debug("Ignoring metadata version {Version}, older than the {Known} known", response.MetadataVersion, Current.Version);
            _updateRequested = true;
            return false;
        }

        Current = Current.With(response);
        _lastSuccessMs = nowMs;
        if (answered) _updateRequested = false;
        return true;
    }

    /// <summary>A ref to the front actor of node <paramref name="nodeId"/>, resolved once per path; null when the node or its path is unknown.</summary>
    public IActorRef? NodeRef(string nodeId)
    {
        if (!Current.Nodes.TryGetValue(nodeId, out var node)) return null;
        if (_nodeRefs.TryGetValue(nodeId, out var cached) && cached.Path == node.BrokerPath) return cached.Ref;
        IActorRef? resolved = null;
        if (ActorPath.TryParse(node.BrokerPath, out var path)) resolved = ((ExtendedActorSystem)system).Provider.ResolveActorRef(path);
        else log.Warning("Node {Node} has broker path '{Path}', which is not an actor path; its partitions count as leaderless", nodeId, node.BrokerPath);
        _nodeRefs[nodeId] = (node.BrokerPath, resolved);
        return resolved;
    }

    private bool IsDue(long nowMs) => _updateRequested || nowMs >= _lastSuccessMs + maxAgeMs;
}
