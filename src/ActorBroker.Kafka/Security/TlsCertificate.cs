using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ActorBroker.Broker;

namespace ActorBroker.Kafka.Security;

/// <summary>Loads the listener's certificate once, at start, into the options every TLS connection is accepted with.</summary>
internal static class TlsCertificate
{
    private const string Key = KafkaSettings.Section + ".ssl-keystore-location";

    /// <exception cref="BrokerConfigException">The file is missing, unreadable, has no private key or the password is wrong; names the key.</exception>
    public static SslServerAuthenticationOptions Load(KafkaTls tls)
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
            ClientCertificateRequired = false,
        };
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
