namespace ActorBroker.Protocol.Messages;

/// <summary>
/// Creates a topic. Names follow Kafka's rules ([a-zA-Z0-9._-], at most 249 characters, not "." or "..");
/// <paramref name="Configs"/> are per-topic overrides such as <c>retention.ms</c> (see <see cref="TopicConfig"/>).
/// </summary>
public sealed record CreateTopicRequest(string Name, int Partitions, short ReplicationFactor, IReadOnlyDictionary<string, string> Configs, long CorrelationId);

/// <summary>Deletes a topic and its partitions' logs.</summary>
public sealed record DeleteTopicRequest(string Name, long CorrelationId);

/// <summary>Grows a topic to <paramref name="TotalCount"/> partitions (partitions are never removed, as in Kafka).</summary>
public sealed record CreatePartitionsRequest(string Name, int TotalCount, long CorrelationId);

/// <summary>The answer to a topic administration request.</summary>
public sealed record TopicAdminResponse(string Name, ErrorCode Error, string? ErrorMessage, long CorrelationId);
