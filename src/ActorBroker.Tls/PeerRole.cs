using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ActorBroker.Tls;

/// <summary>What a certificate of the cluster CA lets its holder be on the cluster port.</summary>
public enum PeerRole
{
    /// <summary>A cluster node: may join, gossip, replicate and send to any actor.</summary>
    Node,

    /// <summary>An ActorBroker client: may send requests to the broker's front actor and talk to the receptionist, nothing else.</summary>
    Client,
}

/// <summary>
/// What a connection's certificate says about its peer: its role, and the principal ACLs name it by
/// (<see cref="CertificateSubject.Principal"/>).
/// </summary>
public sealed record PeerIdentity(PeerRole Role, string Principal);

/// <summary>
/// The role a certificate gives, read from its extended key usage: a node accepts connections as well as opening them,
/// so its certificate allows TLS server authentication; a certificate that allows client authentication only
/// (<c>actorbroker certs create --clients</c>, or openssl's <c>extendedKeyUsage=clientAuth</c>) is a client's.
/// A certificate without the extension allows every use, and so is a node's.
/// </summary>
public static class CertificateRoles
{
    /// <summary>id-kp-serverAuth.</summary>
    public const string ServerAuth = "1.3.6.1.5.5.7.3.1";

    /// <summary>id-kp-clientAuth.</summary>
    public const string ClientAuth = "1.3.6.1.5.5.7.3.2";

    public static PeerRole Of(X509Certificate2 certificate) =>
        Allows(certificate, ServerAuth) ? PeerRole.Node : PeerRole.Client;

    /// <summary>Whether the certificate's extended key usage allows <paramref name="usage"/> (no extension allows all).</summary>
    public static bool Allows(X509Certificate2 certificate, string usage)
    {
        if (certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault() is not { } eku) return true;
        return eku.EnhancedKeyUsages.Cast<Oid>().Any(o => o.Value == usage);
    }
}
