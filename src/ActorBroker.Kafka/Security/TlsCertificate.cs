using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ActorBroker.Broker;
using ActorBroker.Tls;
using Akka.Event;

namespace ActorBroker.Kafka.Security;

/// <summary>
/// Loads the listener's certificate once, at start, into the options every TLS connection is accepted with, and with
/// <c>ssl-client-auth</c> the CA that clients' certificates must chain to.
/// </summary>
internal static class TlsCertificate
{
    private const string Key = KafkaSettings.Section + ".ssl-keystore-location";
    private const string TruststoreKey = KafkaSettings.Section + ".ssl-truststore-location";

    /// <exception cref="BrokerConfigException">The file is missing, unreadable, has no private key or the password is wrong; names the key.</exception>
    public static SslServerAuthenticationOptions Load(KafkaTls tls, ILoggingAdapter? log = null)
    {
        X509Certificate2 certificate;
        X509Certificate2Collection chain;
        try
        {
            (certificate, chain) = IsPem(tls.KeystoreLocation) ? FromPem(tls) : FromPkcs12(tls);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new BrokerConfigException(Key, $"{Key}: the certificate in {tls.KeystoreLocation} cannot be loaded: {e.Message}", e);
        }

        if (!certificate.HasPrivateKey) throw new BrokerConfigException(Key, $"{Key}: {tls.KeystoreLocation} holds no private key for its certificate");
        return new SslServerAuthenticationOptions
        {
            // offline: the chain is built from what the file holds, without fetching anything at start.
            ServerCertificateContext = SslStreamCertificateContext.Create(certificate, chain, offline: true),
            ClientCertificateRequired = tls.ClientAuth != KafkaClientAuth.None,
            RemoteCertificateValidationCallback = tls.ClientAuth == KafkaClientAuth.None ? null : ClientValidator(tls, log ?? NoLogger.Instance),
        };
    }

    /// <summary>
    /// Checks a client's certificate against the truststore's CA alone (<see cref="CaTrust"/>: not the system's CAs, no
    /// host names), logging refusals at most 20 a minute; a client without one passes only when it is merely requested.
    /// </summary>
    private static RemoteCertificateValidationCallback ClientValidator(KafkaTls tls, ILoggingAdapter log)
    {
        X509Certificate2 ca;
        try
        {
            ca = X509CertificateLoader.LoadCertificateFromFile(tls.TruststoreLocation!);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new BrokerConfigException(TruststoreKey, $"{TruststoreKey}: the CA certificate {tls.TruststoreLocation} cannot be loaded: {e.Message}", e);
        }

        var validator = new CaTrust(ca).Validator();
        return (_, certificate, chain, errors) => certificate is null
            ? tls.ClientAuth == KafkaClientAuth.Requested
            : validator(certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()), chain, "a Kafka client", errors, log);
    }

    private static bool IsPem(string path)
    {
        using var reader = new StreamReader(path);
        var start = new char[64];
        var read = reader.Read(start, 0, start.Length);
        return new string(start, 0, read).TrimStart().StartsWith("-----BEGIN", StringComparison.Ordinal);
    }

    private static (X509Certificate2, X509Certificate2Collection) FromPkcs12(KafkaTls tls)
    {
        var all = X509CertificateLoader.LoadPkcs12CollectionFromFile(tls.KeystoreLocation, tls.KeystorePassword);
        var leaf = all.FirstOrDefault(c => c.HasPrivateKey) ?? throw new CryptographicException("no certificate with a private key");
        all.Remove(leaf);
        return (leaf, all);
    }

    private static (X509Certificate2, X509Certificate2Collection) FromPem(KafkaTls tls)
    {
        var leaf = string.IsNullOrEmpty(tls.KeystorePassword)
            ? X509Certificate2.CreateFromPemFile(tls.KeystoreLocation)
            : X509Certificate2.CreateFromEncryptedPemFile(tls.KeystoreLocation, tls.KeystorePassword);
        // A key made from PEM is ephemeral, which SslStream cannot use on every platform: through PKCS#12 it is not.
        leaf = X509CertificateLoader.LoadPkcs12(leaf.Export(X509ContentType.Pkcs12), null);
        var chain = new X509Certificate2Collection();
        chain.ImportFromPemFile(tls.KeystoreLocation);
        foreach (var same in chain.Where(c => c.Thumbprint == leaf.Thumbprint).ToList()) chain.Remove(same);
        return (leaf, chain);
    }
}
