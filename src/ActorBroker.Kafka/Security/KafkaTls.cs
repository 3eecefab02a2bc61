namespace ActorBroker.Kafka.Security;

/// <summary>The listener's TLS identity (Kafka's ssl.keystore.location and ssl.keystore.password).</summary>
/// <param name="KeystoreLocation">A PKCS#12 file (.p12, .pfx), or a PEM file with the certificate, its chain and the private key.</param>
/// <param name="KeystorePassword">The PKCS#12 file's password, or the PEM key's if it is encrypted; null for none.</param>
public sealed record KafkaTls(string KeystoreLocation, string? KeystorePassword)
{
    /// <summary>Without the password, so that logging the settings does not print it.</summary>
    public override string ToString() => $"KafkaTls {{ KeystoreLocation = {KeystoreLocation} }}";
}
