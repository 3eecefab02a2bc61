using System.Collections.Immutable;
using Akka.Event;

namespace ActorBroker.Kafka.Discovery;

/// <summary>
/// The advertised Kafka endpoint of every node whose listener has published one, by broker node id, readable from any
/// thread: the Metadata handler lists brokers from it. Only <see cref="ListenerDirectory"/> replaces it. It may hold
/// nodes that left the cluster (distributed data keeps their entries); readers list only the metadata image's nodes.
/// </summary>
public sealed class KafkaEndpoints
{
    private readonly ILoggingAdapter? _log;
    private readonly HashSet<(string, string)> _collisionsLogged = [];
    private Snapshot _current = new(ImmutableDictionary<string, HostPort>.Empty);

    public KafkaEndpoints(ILoggingAdapter? log = null) => _log = log;

    /// <summary>Node id → advertised endpoint; a node not listed has not published its listener (yet).</summary>
    public IReadOnlyDictionary<string, HostPort> Current => Volatile.Read(ref _current).Endpoints;

    public bool TryGet(string nodeId, out HostPort endpoint) => Current.TryGetValue(nodeId, out endpoint);

    /// <summary>Replaces the endpoints, and logs an error for each pair of nodes whose Kafka ids collide (once per pair).</summary>
    internal void Replace(ImmutableDictionary<string, HostPort> endpoints)
    {
        Volatile.Write(ref _current, new Snapshot(endpoints));
        var byKafkaId = new Dictionary<int, string>();
        foreach (var nodeId in endpoints.Keys.Order(StringComparer.Ordinal))
        {
            var kafkaId = KafkaNodeIds.Of(nodeId);
            if (!byKafkaId.TryAdd(kafkaId, nodeId) && _collisionsLogged.Add((byKafkaId[kafkaId], nodeId)))
                _log?.Error("Nodes {0} and {1} have the same Kafka broker id {2}: Kafka clients cannot tell them apart; give one of them another address",
                    byKafkaId[kafkaId], nodeId, kafkaId);
        }
    }

    private sealed record Snapshot(ImmutableDictionary<string, HostPort> Endpoints);
}
