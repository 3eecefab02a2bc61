namespace ActorBroker.Protocol.Messages;

/// <summary>Asks any node for cluster metadata: the given topics, or all when <paramref name="Topics"/> is null.</summary>
public sealed record MetadataRequest(IReadOnlyList<string>? Topics, long CorrelationId);

/// <summary>
/// What a node's metadata cache knows: the broker nodes and the topics asked for. A topic that does not exist is
/// listed with <see cref="ErrorCode.UnknownTopicOrPartition"/>.
/// </summary>
/// <param name="MetadataVersion">Grows with every change the controller publishes; a client keeps the newest it saw.</param>
public sealed record MetadataResponse(IReadOnlyList<BrokerNode> Nodes, IReadOnlyList<TopicMetadata> Topics, long MetadataVersion, long CorrelationId);

/// <summary>
/// A broker node. <paramref name="Id"/> is its <c>host:port</c>; <paramref name="BrokerPath"/> is the full actor path
/// of its request-handling actor, where clients send produce and fetch requests for the partitions it leads.
/// </summary>
public sealed record BrokerNode(string Id, string BrokerPath);

/// <summary>
/// A topic's partitions and its configuration overrides (non-default settings only). <paramref name="TopicId"/> is
/// given at creation (as Kafka's topic ids are), so a topic deleted and created again under the same name never
/// meets the old one's data.
/// </summary>
public sealed record TopicMetadata(string Name, Guid TopicId, ErrorCode Error, IReadOnlyList<PartitionMetadata> Partitions, IReadOnlyDictionary<string, string> Configs);

/// <summary>
/// A partition's leader (a <see cref="BrokerNode.Id"/>, or null when offline), the leader epoch, its replicas
/// (the first is the preferred leader) and the in-sync replicas.
/// </summary>
public sealed record PartitionMetadata(int Partition, ErrorCode Error, string? Leader, int LeaderEpoch, IReadOnlyList<string> Replicas, IReadOnlyList<string> Isr);
