using ActorBroker.Actors;

namespace ActorBroker.Cluster.Client;

/// <summary>
/// A receptionist's routing table: the services registered on this node (by path without address, e.g.
/// <c>/user/echo</c>) and the service paths each peer receptionist last reported. Peers that are unreachable
/// keep their entries but are not routed to until they are reachable again. Not thread-safe: owned by one actor.
/// </summary>
internal sealed class ServiceRegistry(Address self, Func<Address, string, IActorRef> resolve)
{
    private readonly Dictionary<string, IActorRef> _local = new(StringComparer.Ordinal);
    private readonly Dictionary<Address, Dictionary<string, IActorRef>> _peers = [];
    private readonly HashSet<Address> _unreachable = [];

    public IReadOnlyList<string> LocalPaths => [.. _local.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Registers <paramref name="service"/> under its path; a later registration of the same path replaces it.</summary>
    public bool Register(IActorRef service)
    {
        var key = KeyOf(service);
        if (_local.TryGetValue(key, out var existing) && existing.Equals(service)) return false;
        _local[key] = service;
        return true;
    }

    /// <summary>Removes <paramref name="service"/>, but not a newer registration of the same path by another actor.</summary>
    public bool Unregister(IActorRef service)
    {
        var key = KeyOf(service);
        return _local.TryGetValue(key, out var existing) && existing.Equals(service) && _local.Remove(key);
    }

    /// <summary>Replaces what <paramref name="peer"/> offers with <paramref name="paths"/>, keeping refs already resolved.</summary>
    public void SetPeer(Address peer, IReadOnlyList<string> paths)
    {
        _peers.TryGetValue(peer, out var old);
        var next = new Dictionary<string, IActorRef>(StringComparer.Ordinal);
        foreach (var path in paths)
            next[path] = old is not null && old.TryGetValue(path, out var known) ? known : resolve(peer, path);
        _peers[peer] = next;
    }

    public void RemovePeer(Address peer)
    {
        _peers.Remove(peer);
        _unreachable.Remove(peer);
    }

    public void SetReachable(Address peer, bool reachable)
    {
        if (reachable) _unreachable.Remove(peer);
        else _unreachable.Add(peer);
    }

    /// <summary>
    /// One instance of the service at <paramref name="path"/>: the local one when <paramref name="localAffinity"/>
    /// and there is one, otherwise a random one among this node and the reachable peers. Null when none exists.
    /// </summary>
    public IActorRef? SelectOne(string path, bool localAffinity, Random random)
    {
        _local.TryGetValue(path, out var local);
        if (localAffinity && local is not null) return local;
        var all = SelectAll(path);
        return all.Count == 0 ? null : all[random.Next(all.Count)];
    }

    /// <summary>Every instance of the service at <paramref name="path"/>: at most one per node.</summary>
    public List<IActorRef> SelectAll(string path)
    {
        var result = new List<IActorRef>();
        if (_local.TryGetValue(path, out var local)) result.Add(local);
        foreach (var (peer, services) in _peers)
        {
            if (!_unreachable.Contains(peer) && services.TryGetValue(path, out var remote)) result.Add(remote);
        }

        return result;
    }

    /// <summary>Full paths of every instance this registry routes to now (local ones with this node's address), sorted.</summary>
    public IReadOnlyList<string> RoutableInstances()
    {
        var result = _local.Keys.Select(path => self + path).ToList();
        foreach (var (peer, services) in _peers)
        {
            if (!_unreachable.Contains(peer)) result.AddRange(services.Keys.Select(path => peer + path));
        }

        result.Sort(StringComparer.Ordinal);
        return result;
    }

    public static string KeyOf(IActorRef service) => service.Path.ToStringWithoutAddress();
}
