namespace ActorBroker.Kafka.Wire;

/// <summary>
/// Kafka error codes the listener answers with itself. Errors the broker decides pass through as
/// <see cref="ActorBroker.Protocol.ErrorCode"/>, whose numbers are Kafka's.
/// </summary>
public static class KafkaErrorCodes
{
    public const short None = 0;
    public const short UnsupportedVersion = 35;
    public const short InvalidRequest = 42;
    public const short UnsupportedForMessageFormat = 43;
    public const short ClusterAuthorizationFailed = 31;
    public const short UnsupportedSaslMechanism = 33;
    public const short IllegalSaslState = 34;
    public const short TransactionalIdAuthorizationFailed = 53;
    public const short SaslAuthenticationFailed = 58;
    public const short FetchSessionIdNotFound = 70;
}
