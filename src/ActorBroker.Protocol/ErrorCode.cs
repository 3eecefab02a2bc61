namespace ActorBroker.Protocol;

/// <summary>
/// Broker error codes. The numbers and meanings are Kafka's, so that logs and tools read the same and a Kafka
/// wire front-end could pass them through unchanged.
/// </summary>
public enum ErrorCode : short
{
    UnknownServerError = -1,
    None = 0,
    OffsetOutOfRange = 1,
    /// <summary>A record batch failed its CRC or structure check (Kafka's CORRUPT_MESSAGE).</summary>
    CorruptMessage = 2,
    UnknownTopicOrPartition = 3,
    LeaderNotAvailable = 5,
    NotLeaderOrFollower = 6,
    RequestTimedOut = 7,
    BrokerNotAvailable = 8,
    /// <summary>A replica the request needs is not alive (Kafka's REPLICA_NOT_AVAILABLE).</summary>
    ReplicaNotAvailable = 9,
    /// <summary>A batch is larger than the topic's <c>max.message.bytes</c> (Kafka's MESSAGE_TOO_LARGE).</summary>
    RecordTooLarge = 10,
    NetworkException = 13,
    InvalidTopic = 17,
    RecordListTooLarge = 18,
    NotEnoughReplicas = 19,
    NotEnoughReplicasAfterAppend = 20,
    InvalidRequiredAcks = 21,
    /// <summary>The principal may not do this to the topic (an ACL denies it or none allows it).</summary>
    TopicAuthorizationFailed = 29,
    /// <summary>The principal may not do this to the cluster (e.g. describe it, or create topics without a topic ACL).</summary>
    ClusterAuthorizationFailed = 31,
    InvalidTimestamp = 32,
    TopicAlreadyExists = 36,
    InvalidPartitions = 37,
    InvalidReplicationFactor = 38,
    InvalidConfig = 40,
    InvalidReplicaAssignment = 39,
    NotController = 41,
    InvalidRequest = 42,
    PolicyViolation = 44,
    OutOfOrderSequence = 45,
    KafkaStorageError = 56,
    /// <summary>The SASL credentials were wrong; the connection closes.</summary>
    SaslAuthenticationFailed = 58,
    /// <summary>A partition reassignment is already running for the partition.</summary>
    ReassignmentInProgress = 60,
    FencedLeaderEpoch = 74,
    UnknownLeaderEpoch = 75,
    UnsupportedCompressionType = 76,
    /// <summary>The preferred leader is not alive or not in sync, so it cannot lead now.</summary>
    PreferredLeaderNotAvailable = 80,
    /// <summary>No replica may be elected leader: none of the in-sync replicas is alive.</summary>
    EligibleLeadersNotAvailable = 83,
    /// <summary>The leader asked for is leading already.</summary>
    ElectionNotNeeded = 84,
    InvalidRecord = 87,
    /// <summary>A user or credential named by a SCRAM credential change does not exist (Kafka's RESOURCE_NOT_FOUND).</summary>
    ResourceNotFound = 91,
    /// <summary>An ISR change was based on a partition epoch the controller has moved past (Kafka's INVALID_UPDATE_VERSION).</summary>
    InvalidUpdateVersion = 95,
    /// <summary>An ISR change would add a replica that is not alive or not a replica of the partition.</summary>
    IneligibleReplica = 107,
}

public static class ErrorCodes
{
    /// <summary>
    /// True when the same request may succeed if sent again later (after a metadata refresh for the
    /// leadership errors); false when it is wrong as sent. Mirrors Kafka's RetriableException subclasses.
    /// </summary>
    public static bool IsRetriable(this ErrorCode code) => code is
        ErrorCode.UnknownTopicOrPartition or ErrorCode.LeaderNotAvailable or ErrorCode.NotLeaderOrFollower
        or ErrorCode.RequestTimedOut or ErrorCode.BrokerNotAvailable or ErrorCode.NetworkException
        or ErrorCode.NotEnoughReplicas or ErrorCode.NotEnoughReplicasAfterAppend or ErrorCode.NotController
        or ErrorCode.KafkaStorageError or ErrorCode.FencedLeaderEpoch or ErrorCode.UnknownLeaderEpoch
        or ErrorCode.CorruptMessage;

    /// <summary>True when the client should fetch fresh metadata before retrying (leadership moved or the topic changed).</summary>
    public static bool NeedsMetadataRefresh(this ErrorCode code) => code is
        ErrorCode.UnknownTopicOrPartition or ErrorCode.LeaderNotAvailable or ErrorCode.NotLeaderOrFollower
        or ErrorCode.FencedLeaderEpoch or ErrorCode.UnknownLeaderEpoch or ErrorCode.BrokerNotAvailable;
}

/// <summary>A broker error surfaced to .NET callers (the client facade, admin commands): the typed code plus the broker's explanation.</summary>
public sealed class BrokerException(ErrorCode code, string message, Exception? inner = null)
    : Exception($"{code}: {message}", inner)
{
    public ErrorCode Code { get; } = code;

    public bool IsRetriable => Code.IsRetriable();
}
