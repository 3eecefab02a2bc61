namespace ActorBroker.Kafka.Security;

/// <summary>
/// The listener's TLS identity (Kafka's ssl.keystore.location and ssl.keystore.password) and whether it asks clients
/// for certificates (ssl.client.auth), which must then chain to the truststore's CA (ssl.truststore.location).
/// </summary>
/// <param name="KeystoreLocation">A PKCS#12 file (.p12, .pfx), or a PEM file with the certificate, its chain and the private key.</param>
/// <param name="KeystorePassword">The PKCS#12 file's password, or the PEM key's if it is encrypted; null for none.</param>
public sealed record KafkaTls(string KeystoreLocation, string? KeystorePassword)
{
    public KafkaClientAuth ClientAuth { get; init; } = KafkaClientAuth.None;

    /// <summary>The CA certificate (PEM or DER) that clients' certificates must chain to; needed unless <see cref="ClientAuth"/> is none.</summary>
    public string? TruststoreLocation { get; init; }

    /// <summary>Without the password, so that logging the settings does not print it.</summary>
    public override string ToString() => $"KafkaTls {{ KeystoreLocation = {KeystoreLocation}, ClientAuth = {ClientAuth}, TruststoreLocation = {TruststoreLocation} }}";
}

/// <summary>Kafka's ssl.client.auth: whether a TLS listener asks clients for a certificate, and whether it must get one.</summary>
public enum KafkaClientAuth
{
    /// <summary>No client certificates: principals come from SASL, or are ANONYMOUS.</summary>
    None,

    /// <summary>A certificate is asked for; a client without one connects as ANONYMOUS, one with a bad one is refused.</summary>
    Requested,

    /// <summary>A client without a certificate of the truststore's CA is refused at the handshake.</summary>
    Required,
}
