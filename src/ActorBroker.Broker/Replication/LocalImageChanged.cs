using ActorBroker.Broker.Metadata;

namespace ActorBroker.Broker.Replication;

/// <summary>The node's metadata cache took a newer image: the replica manager brings the node's replicas in line with it.</summary>
internal sealed record LocalImageChanged(MetadataImage Image);
