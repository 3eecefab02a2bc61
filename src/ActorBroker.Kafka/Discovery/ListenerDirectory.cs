using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster;
using Akka.DistributedData;
using Akka.Event;

namespace ActorBroker.Kafka.Discovery;

/// <summary>
/// Publishes this node's advertised Kafka endpoint and keeps <see cref="KafkaEndpoints"/> up to date with every node's,
/// through Akka's distributed data (an <see cref="LWWDictionary{TKey,TValue}"/> of node id → <c>host:port</c> under
/// <see cref="Key"/>, gossiped to every node). A local write is enough: gossip spreads it within seconds, and a
/// restarted node writes again with a newer timestamp, which wins over its previous incarnation's entry.
/// </summary>
internal sealed class ListenerDirectory : ReceiveActor
{
    public static readonly LWWDictionaryKey<string, string> Key = new("kafka-listeners");

    // What a stopped listener writes over its endpoint. Overwriting, not removing: a newer value travels the way the
    // endpoint did, while a removal from the dictionary was seen not to reach the other nodes within 30 s now and then.
    private const string Stopped = "";

    private readonly string _nodeId;
    private readonly HostPort _advertised;
    private readonly KafkaEndpoints _endpoints;
    private readonly IActorRef _replicator;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    public ListenerDirectory(string nodeId, HostPort advertised, KafkaEndpoints endpoints)
    {
        _nodeId = nodeId;
        _advertised = advertised;
        _endpoints = endpoints;
        _replicator = DistributedData.Get(Context.System).Replicator;
        Receive<Changed>(changed => Publish(changed.Get(Key)));
        Receive<UpdateSuccess>(_ => { });
        Receive<IUpdateFailure>(failure => _log.Warning("Publishing this node's Kafka endpoint {0} failed: {1}; other nodes do not list it yet", _advertised, failure));
    }

    public static Props Props(string nodeId, HostPort advertised, KafkaEndpoints endpoints) =>
        Akka.Actor.Props.Create(() => new ListenerDirectory(nodeId, advertised, endpoints));

    protected override void PreStart()
    {
        var self = Cluster.Get(Context.System).SelfUniqueAddress;
        var endpoint = _advertised.ToString();
        // This node lists itself at once, not only after the replicator's next notification.
        Publish(LWWDictionary<string, string>.Empty);
        _replicator.Tell(Dsl.Update(Key, LWWDictionary<string, string>.Empty, WriteLocal.Instance, d => d.SetItem(self, _nodeId, endpoint)));
        _replicator.Tell(Dsl.Subscribe(Key, Self));
    }

    /// <summary>A listener that stops while its node runs on is no longer listed (a node that leaves is filtered out by the metadata anyway).</summary>
    protected override void PostStop()
    {
        var self = Cluster.Get(Context.System).SelfUniqueAddress;
        // Nobody takes the replicator's answer: this actor is gone by then.
        _replicator.Tell(Dsl.Update(Key, LWWDictionary<string, string>.Empty, WriteLocal.Instance, d => d.SetItem(self, _nodeId, Stopped)), ActorRefs.Nobody);
    }

    private void Publish(LWWDictionary<string, string> data)
    {
        var builder = ImmutableDictionary.CreateBuilder<string, HostPort>(StringComparer.Ordinal);
        foreach (var (nodeId, text) in data.Entries)
        {
            if (text == Stopped) continue;
            if (HostPort.TryParse(text, out var endpoint)) builder[nodeId] = endpoint;
            else _log.Warning("Node {0} published a Kafka endpoint that is not host:port: '{1}'", nodeId, text);
        }

        // Our own entry is what this incarnation listens on, whatever an older incarnation left in the data.
        builder[_nodeId] = _advertised;
        _endpoints.Replace(builder.ToImmutable());
    }
}
