using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ActorBroker.Tls;

/// <summary>
/// Makes a cluster's CA and the certificates of its nodes and clients, so that mutual TLS needs no openssl:
/// ECDSA P-256 keys, SHA-256 signatures, and on every node certificate both serverAuth and clientAuth, because every
/// node both accepts and opens connections; a client's certificate allows clientAuth only, which is what marks it as a
/// client's (<see cref="CertificateRoles"/>).
/// </summary>
public static class ClusterCertificates
{
    /// <summary>A self-signed CA that may sign end-entity certificates only (path length 0).</summary>
    public static X509Certificate2 CreateCa(string commonName, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={commonName}"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        return request.CreateSelfSigned(notBefore, notAfter);
    }

    /// <summary>
    /// A certificate for <paramref name="name"/> signed by <paramref name="ca"/> (which must hold its private key), with
    /// its own private key. <paramref name="name"/> is its common name and a DNS name in its subject alternative names;
    /// nodes do not check host names (docs/security.md), so it identifies the certificate for people, not for peers.
    /// </summary>
    public static X509Certificate2 Issue(X509Certificate2 ca, string name, DateTimeOffset notBefore, DateTimeOffset notAfter, PeerRole role = PeerRole.Node)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={name}"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        var clientAuth = new Oid(CertificateRoles.ClientAuth, "clientAuth");
        OidCollection usages = role == PeerRole.Node ? [new Oid(CertificateRoles.ServerAuth, "serverAuth"), clientAuth] : [clientAuth];
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(usages, critical: false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(name);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, includeKeyIdentifier: true, includeIssuerAndSerial: false));

        // RFC 5280: a positive serial of up to 20 bytes, unique per CA; 16 random bytes are.
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var certificate = request.Create(ca, notBefore, Min(notAfter, ca.NotAfter), serial);
        return certificate.CopyWithPrivateKey(key);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTime b) => a <= new DateTimeOffset(b) ? a : new DateTimeOffset(b);
}
