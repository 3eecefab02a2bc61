namespace ActorBroker.Kafka.Security;

/// <summary>How the Kafka listener's clients connect (Kafka's security.protocol names).</summary>
public enum KafkaSecurityProtocol
{
    /// <summary>PLAINTEXT: no authentication, every client is <see cref="KafkaPrincipal.Anonymous"/>.</summary>
    Plaintext,

    /// <summary>SASL_PLAINTEXT: clients authenticate with SASL on a TCP connection without TLS.</summary>
    SaslPlaintext,

    /// <summary>SSL: TLS, the server proves itself with its certificate; clients are not authenticated (no client certificates yet).</summary>
    Ssl,

    /// <summary>SASL_SSL: TLS, then clients authenticate with SASL inside it.</summary>
    SaslSsl,
}

internal static class KafkaSecurityProtocols
{
    public static bool UsesSasl(this KafkaSecurityProtocol protocol) => protocol is KafkaSecurityProtocol.SaslPlaintext or KafkaSecurityProtocol.SaslSsl;

    public static bool UsesTls(this KafkaSecurityProtocol protocol) => protocol is KafkaSecurityProtocol.Ssl or KafkaSecurityProtocol.SaslSsl;

    /// <summary>Kafka's name, as in the setting.</summary>
    public static string Name(this KafkaSecurityProtocol protocol) => protocol switch
    {
        KafkaSecurityProtocol.SaslPlaintext => "SASL_PLAINTEXT",
        KafkaSecurityProtocol.Ssl => "SSL",
        KafkaSecurityProtocol.SaslSsl => "SASL_SSL",
        _ => "PLAINTEXT",
    };
}
