using Akka.Actor;
using ActorBroker.Broker.Metadata;
using Akka.Event;

namespace ActorBroker.Broker.Controller;

/// <summary>
/// Publishing metadata: every node's cache registers here. Each change makes a new whole image, which is first proposed
/// (<see cref="StoreMetadata"/>: each node stores it, acting on nothing) and committed once a majority of the broker nodes
/// that are Up stored it (<see cref="UpdateMetadata"/>: the caches take it and the node acts on it; see
/// BrokerController.Stored). Delivery between nodes is at most once, so stores and caches say what they hold and the
/// controller re-sends the newest proposal and the newest committed image to those behind every retry-interval.
/// </summary>
internal sealed partial class BrokerController
{
    private readonly Dictionary<IActorRef, RegisteredCache> _caches = [];
    private MetadataImage _image = MetadataImage.Empty; // the newest proposed
    private MetadataImage _committed = MetadataImage.Empty; // the newest stored on a majority: what the nodes act on
    private const int MaxProposed = 64;
    private readonly SortedDictionary<long, MetadataImage> _proposed = [];
    private uint _changes;

    private void Publish(string reason)
    {
        // The epoch in the high bits keeps versions growing across failover without persisting membership changes.
        var version = ((long)_state.Epoch << 32) | ++_changes;
        _image = _state.ToImage(version, _up.ToDictionary(kv => kv.Key, kv => kv.Value.Address), _settings.TopicDefaults);
        _proposed[version] = _image;
        // Bounded while no majority stores (a minority side): images are whole, so the newest proposals suffice.
        while (_proposed.Count > MaxProposed) _proposed.Remove(_proposed.Keys.First());
        foreach (var cache in _caches.Keys) cache.Tell(new StoreMetadata(_image), Self);
        _log.Debug("Proposed metadata version {Version} ({Reason}): {Topics} topics, {Nodes} nodes Up, to {Caches} caches",
            version, reason, _image.Topics.Count, _image.Nodes.Count, _caches.Count);
        CommitStoredImages(); // a lone node's own store may have answered for an earlier version; never for this one yet
    }

    /// <summary>Commits <paramref name="image"/>: every cache takes it and its node acts on it.</summary>
    private void PublishCommitted(MetadataImage image)
    {
        _committed = image;
        foreach (var cache in _caches.Keys) cache.Tell(new UpdateMetadata(image), Self);
        _log.Debug("Committed metadata version {Version}: stored on a majority of the {Nodes} broker nodes Up", image.Version, _up.Count);
    }

    private void OnRegisterCache(RegisterMetadataCache register, IActorRef cache)
    {
        // A node restarted on the same endpoint registers a new cache; the old one's entry would only collect re-sends.
        foreach (var (stale, entry) in _caches.Where(c => c.Value.NodeId == register.NodeId && !c.Key.Equals(cache)).ToList())
        {
            Context.Unwatch(stale);
            _caches.Remove(stale);
        }

        if (!_caches.ContainsKey(cache))
        {
            _caches[cache] = new RegisteredCache(register.NodeId);
            Context.Watch(cache);
            _log.Info("Metadata cache of node {Node} registered ({Count} caches)", register.NodeId, _caches.Count);
        }

        cache.Tell(new MetadataCacheRegistered(_state.Epoch), Self);
        cache.Tell(new UpdateMetadata(_committed), Self);
        if (_image.Version > _committed.Version) cache.Tell(new StoreMetadata(_image), Self);
    }

    private void OnCacheUpdated(MetadataUpdated updated, IActorRef cache)
    {
        if (_caches.TryGetValue(cache, out var entry)) entry.Acknowledged = Math.Max(entry.Acknowledged, updated.Version);
    }

    private void OnCacheTerminated(Terminated terminated)
    {
        if (!_caches.Remove(terminated.ActorRef, out var entry)) return;
        _log.Info("Metadata cache of node {Node} terminated ({Count} caches left)", entry.NodeId, _caches.Count);
        // Terminated by its address's removal: it may be a newer incarnation's cache that registered before the old
        // incarnation was removed. If it lives, it registers again; if not, the request goes to dead letters.
        if (terminated.AddressTerminated) terminated.ActorRef.Tell(new ReRegisterMetadataCache(_state.Epoch), Self);
    }

    private void ResendImages()
    {
        foreach (var (cache, entry) in _caches)
        {
            if (entry.Acknowledged < _committed.Version) cache.Tell(new UpdateMetadata(_committed), Self);
            if (_image.Version > _committed.Version && _storedVersions.GetValueOrDefault(entry.NodeId) < _image.Version)
                cache.Tell(new StoreMetadata(_image), Self);
        }
    }

    private sealed class RegisteredCache(string nodeId)
    {
        public string NodeId { get; } = nodeId;

        public long Acknowledged { get; set; }
    }
}
