namespace ActorBroker.Kafka.Security;

/// <summary>How the Kafka listener's clients connect (Kafka's security.protocol names; TLS is not implemented yet).</summary>
public enum KafkaSecurityProtocol
{
    /// <summary>PLAINTEXT: no authentication, every client is <see cref="KafkaPrincipal.Anonymous"/>.</summary>
    Plaintext,

    /// <summary>SASL_PLAINTEXT: clients authenticate with SASL on a TCP connection without TLS.</summary>
    SaslPlaintext,
}
