using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Akka.Remote.Transport.DotNetty;

namespace ActorBroker.Tls;

/// <summary>
/// The files of an enabled <c>actorbroker.tls</c> section, loaded and checked when the process starts: a missing file,
/// a wrong password or a certificate the CA did not issue fails here naming its key, rather than later as handshakes
/// that every peer refuses.
/// </summary>
public sealed class TlsCredentials : IDisposable
{
    private TlsCredentials(X509Certificate2 certificate, CaTrust trust)
    {
        Certificate = certificate;
        Trust = trust;
    }

    /// <summary>This process's certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    public CaTrust Trust { get; }

    /// <summary>What Akka.Remote's transport needs besides the setup: TLS switched on (the setup alone does not).</summary>
    public static Config RemotingConfig { get; } = ConfigurationFactory.ParseString("akka.remote.dot-netty.tcp.enable-ssl = on");

    /// <summary>
    /// Loads and checks the files of <paramref name="settings"/> for a process in <paramref name="role"/>: a node's
    /// certificate must allow TLS server and client authentication, a client's (the default: applications load theirs
    /// this way) at least client authentication.
    /// </summary>
    public static TlsCredentials Load(TlsSettings settings, PeerRole role = PeerRole.Client)
    {
        if (!settings.Enabled) throw new InvalidOperationException("TLS is off; there is nothing to load");
        var ca = LoadCa(settings.Ca);
        X509Certificate2? certificate = null;
        try
        {
            certificate = LoadCertificate(settings);
            var trust = new CaTrust(ca, settings.Revoked);
            var refusal = trust.Refusal(certificate);
            if (refusal is not null)
                throw new TlsConfigException(TlsSettings.CertificateKey,
                    $"{TlsSettings.CertificateKey} ({settings.Certificate}): {refusal} ({TlsSettings.CaKey} = {settings.Ca}); peers would refuse it");
            RequireUse(certificate, settings.Certificate, role);
            return new TlsCredentials(certificate, trust);
        }
        catch
        {
            certificate?.Dispose();
            ca.Dispose();
            throw;
        }
    }

    /// <summary>
    /// What an actor system needs besides <see cref="RemotingConfig"/>: Akka.Remote's TLS hook (this certificate on
    /// both ends of every connection, a client certificate required from every inbound peer, <see cref="CaTrust"/>
    /// deciding about the peer's certificate in both directions) and the <see cref="PeerRoles"/> its validator records
    /// each peer's certificate in, for the transport adapters.
    /// </summary>
    public IReadOnlyList<Setup> Setups()
    {
        var roles = new PeerRoles();
        return [new DotNettySslSetup(Certificate, suppressValidation: false, requireMutualAuthentication: true, validateCertificateHostname: false, Trust.Validator(roles)), roles];
    }

    /// <summary>
    /// An actor system setup with <paramref name="config"/> and, when <paramref name="credentials"/> is given, TLS on,
    /// with the peers' certificates recorded (<see cref="PeerRoles"/>) for the transport adapters the config applies
    /// (<c>Adapters.PeerCertificateProvider</c> on nodes and clients, the role screen on nodes).
    /// </summary>
    public static ActorSystemSetup SystemSetup(Config config, TlsCredentials? credentials) =>
        credentials is null
            ? ActorSystemSetup.Create(BootstrapSetup.Create().WithConfig(config))
            : ActorSystemSetup.Create([BootstrapSetup.Create().WithConfig(RemotingConfig.WithFallback(config)), .. credentials.Setups()]);

    private static X509Certificate2 LoadCa(string path)
    {
        try
        {
            // PEM or DER, as openssl or 'actorbroker certs create' write it.
            var ca = X509CertificateLoader.LoadCertificateFromFile(path);
            if (ca.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault() is not { CertificateAuthority: true })
                throw new TlsConfigException(TlsSettings.CaKey, $"{TlsSettings.CaKey} ({path}) is not a CA certificate (no basic constraints with CA:TRUE)");
            return ca;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new TlsConfigException(TlsSettings.CaKey, $"{TlsSettings.CaKey}: cannot read the CA certificate {path}: {e.Message}", e);
        }
    }

    private static X509Certificate2 LoadCertificate(TlsSettings settings)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(settings.Certificate, settings.Password, X509KeyStorageFlags.DefaultKeySet);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TlsConfigException(TlsSettings.CertificateKey, $"{TlsSettings.CertificateKey}: cannot read {settings.Certificate}: {e.Message}", e);
        }
        catch (CryptographicException e)
        {
            throw new TlsConfigException(TlsSettings.CertificateKey,
                $"{TlsSettings.CertificateKey}: cannot open {settings.Certificate} as PKCS#12 (.pfx) with {TlsSettings.PasswordKey}: {e.Message}", e);
        }

        if (!certificate.HasPrivateKey)
            throw new TlsConfigException(TlsSettings.CertificateKey, $"{TlsSettings.CertificateKey} ({settings.Certificate}) holds no private key");
        return certificate;
    }

    private static void RequireUse(X509Certificate2 certificate, string path, PeerRole role)
    {
        // A node is a TLS server to the peers that dial it and a client to those it dials; a client only ever dials.
        var client = CertificateRoles.Allows(certificate, CertificateRoles.ClientAuth);
        if (role == PeerRole.Node && !(client && CertificateRoles.Allows(certificate, CertificateRoles.ServerAuth)))
            throw new TlsConfigException(TlsSettings.CertificateKey,
                $"{TlsSettings.CertificateKey} ({path}) must allow both TLS server and client authentication (extended key usage serverAuth and clientAuth): a node's certificate; certificates made with 'certs create --clients' are for clients");
        if (role == PeerRole.Client && !client)
            throw new TlsConfigException(TlsSettings.CertificateKey,
                $"{TlsSettings.CertificateKey} ({path}) must allow TLS client authentication (extended key usage clientAuth)");
    }

    public void Dispose()
    {
        Certificate.Dispose();
        Trust.Ca.Dispose();
    }
}
