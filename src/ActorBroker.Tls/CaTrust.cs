using System.Security.Cryptography.X509Certificates;
using Akka.Event;
using Akka.Remote.Transport.DotNetty;

namespace ActorBroker.Tls;

/// <summary>
/// Trust in one CA, the cluster's own, instead of the operating system's store: a peer is accepted when its
/// certificate chains to that CA and is in date. Host names are not checked: nodes reach each other by whatever
/// address they were given (IPs, containers, NAT), and the CA is what vouches for a peer, so any certificate the CA
/// issued is as good as any other (docs/security.md), unless its serial number is on the revoked list.
/// </summary>
public sealed class CaTrust(X509Certificate2 ca, IReadOnlyCollection<string>? revokedSerials = null)
{
    private readonly RefusalLogLimit _logLimit = new(TimeProvider.System);
    private readonly HashSet<string> _revoked = new(revokedSerials ?? [], StringComparer.Ordinal);

    public X509Certificate2 Ca { get; } = ca;

    /// <summary>
    /// Why <paramref name="certificate"/> is not trusted, or null when it chains to the CA. The chain is built anew,
    /// with the CA as its only trust anchor; the chain SslStream passes in was built against the system store.
    /// </summary>
    public string? Refusal(X509Certificate2 certificate, X509Chain? presented = null)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Ca);
        // A private CA publishes no revocation lists; revocation is out of scope (docs/security.md: rotate the CA).
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presented is not null)
        {
            // Intermediates the peer sent; the CA as an anchor, never these, decides trust.
            foreach (var element in presented.ChainElements)
                if (!element.Certificate.RawDataMemory.Span.SequenceEqual(certificate.RawDataMemory.Span))
                    chain.ChainPolicy.ExtraStore.Add(element.Certificate);
        }

        if (!chain.Build(certificate))
        {
            var reasons = chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct();
            return $"certificate '{certificate.Subject}' (issuer '{certificate.Issuer}') does not chain to the cluster CA '{Ca.Subject}': {string.Join("; ", reasons)}";
        }

        // CustomRootTrust ends every good chain at an anchor of the custom store; the store holds the CA alone.
        var root = chain.ChainElements[^1].Certificate;
        if (!root.RawDataMemory.Span.SequenceEqual(Ca.RawDataMemory.Span))
            return $"certificate '{certificate.Subject}' chains to '{root.Subject}', not to the cluster CA '{Ca.Subject}'";
        // The certificate and any intermediate CA between it and the cluster CA.
        for (var i = 0; i < chain.ChainElements.Count - 1 && _revoked.Count > 0; i++)
        {
            var element = chain.ChainElements[i].Certificate;
            var serial = CertificateSerial.Of(element);
            if (_revoked.Contains(serial)) return $"certificate '{element.Subject}' (serial {serial}) is revoked ({TlsSettings.RevokedKey})";
        }

        return null;
    }

    /// <summary>
    /// The validator Akka.Remote calls on both ends of every TLS handshake (as the server for the client's certificate,
    /// as the client for the server's). It replaces Akka's check against the system store. With
    /// <paramref name="roles"/>, each accepted peer's role is recorded for the cluster port's adapter.
    /// </summary>
    public CertificateValidationCallback Validator(PeerRoles? roles = null) => (certificate, chain, peer, _, log) =>
    {
        var refusal = certificate is null
            ? "it presented no certificate (the cluster requires mutual TLS)"
            : Refusal(certificate, chain);
        if (refusal is null)
        {
            roles?.Record(peer, new PeerIdentity(CertificateRoles.Of(certificate!), CertificateSubject.Principal(certificate!)));
            return true;
        }

        // Akka.Remote 1.5.75 runs the system's coordinated shutdown when the handshake of a connection it opened fails, so
        // a node that dialled a peer with a bad certificate would stop. With roles to record in, the handshake completes
        // and the node's transport adapter closes the connection at the peer's first frame, before Akka reads it.
        var closedByAdapter = roles?.RecordRefusedOutbound(peer) ?? false;
        var (logIt, suppressed) = _logLimit.Admit();
        if (suppressed > 0) log.Warning("{0} more TLS peers were refused in the minute before without being logged", suppressed);
        if (logIt) log.Warning("Refused TLS peer {0}: {1}{2}", peer, refusal, closedByAdapter ? " (a peer this node dialled: its connection is closed)" : "");
        return closedByAdapter;
    };
}
