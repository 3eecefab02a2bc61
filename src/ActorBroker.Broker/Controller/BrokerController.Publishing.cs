using Akka.Actor;
using ActorBroker.Broker.Metadata;
using Akka.Event;

namespace ActorBroker.Broker.Controller;

/// <summary>
/// Publishing metadata: every node's cache registers here and gets the whole image on every change. Delivery between
/// nodes is at most once, so each cache acknowledges the version it holds and the controller re-sends the newest image
/// to the caches behind it every retry-interval.
/// </summary>
internal sealed partial class BrokerController
{
    private readonly Dictionary<IActorRef, RegisteredCache> _caches = [];
    private MetadataImage _image = MetadataImage.Empty;
    private uint _changes;

    private void Publish(string reason)
    {
        // The epoch in the high bits keeps versions growing across failover without persisting membership changes.
        var version = ((long)_state.Epoch << 32) | ++_changes;
        _image = _state.ToImage(version, _up.ToDictionary(kv => kv.Key, kv => kv.Value.Address), _settings.TopicDefaults);
        foreach (var cache in _caches.Keys) cache.Tell(new UpdateMetadata(_image), Self);
        _log.Debug("Published metadata version {Version} ({Reason}): {Topics} topics, {Nodes} nodes Up, to {Caches} caches",
            version, reason, _image.Topics.Count, _image.Nodes.Count, _caches.Count);
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
        cache.Tell(new UpdateMetadata(_image), Self);
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
            if (entry.Acknowledged < _image.Version) cache.Tell(new UpdateMetadata(_image), Self);
        }
    }

    private sealed class RegisteredCache(string nodeId)
    {
        public string NodeId { get; } = nodeId;

        public long Acknowledged { get; set; }
    }
}
