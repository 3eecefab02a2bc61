using System.Collections.Concurrent;
using ActorBroker.Hocon;

namespace ActorBroker.Actors;

/// <summary>Dispatchers by config path; the default one is <c>actorbroker.actor.default-dispatcher</c>.</summary>
internal sealed class Dispatchers(Config config)
{
    public const string DefaultId = "actorbroker.actor.default-dispatcher";

    private readonly ConcurrentDictionary<string, Dispatcher> _dispatchers = new();

    public Dispatcher Lookup(string? id)
    {
        id ??= DefaultId;
        return _dispatchers.GetOrAdd(id, static (key, cfg) =>
        {
            if (!cfg.HasPath(key) && key == DefaultId) return new Dispatcher(key, 30);
            if (!cfg.HasPath(key))
                throw new ConfigException(key, $"Dispatcher '{key}' is not configured; define it in HOCON with at least a throughput");
            return Dispatcher.FromConfig(key, cfg.GetConfig(key));
        }, config);
    }
}
