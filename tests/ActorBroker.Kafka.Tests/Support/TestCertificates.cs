using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ActorBroker.Kafka.Tests.Support;

/// <summary>
/// A throwaway CA and a server certificate it signed for 127.0.0.1 and localhost, written to a scratch directory: the CA
/// as PEM (what a client trusts, ssl.ca.location), the server's as PKCS#12 with a password and as PEM with its key; and
/// client certificates (ssl.keystore.location) for <see cref="ClientNames"/>, subject <c>CN=name,O=corp</c>.
/// </summary>
internal sealed class TestCertificates : IDisposable
{
    public const string Password = "keystore-secret";

    private readonly string _directory = Directory.CreateTempSubdirectory("actorbroker-tls-").FullName;

    public TestCertificates()
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=ActorBroker test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var now = DateTimeOffset.UtcNow;
        using var ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=localhost", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var signed = serverRequest.Create(ca, now.AddMinutes(-5), now.AddDays(1), RandomNumberGenerator.GetBytes(8));
        using var server = signed.CopyWithPrivateKey(serverKey);

        foreach (var name in ClientNames)
        {
            using var clientKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var clientRequest = new CertificateRequest($"CN={name}, O=corp", clientKey, HashAlgorithmName.SHA256);
            clientRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
            clientRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
            using var clientSigned = clientRequest.Create(ca, now.AddMinutes(-5), now.AddDays(1), RandomNumberGenerator.GetBytes(8));
            using var client = clientSigned.CopyWithPrivateKey(clientKey);
            File.WriteAllBytes(ClientPkcs12(name), client.Export(X509ContentType.Pkcs12, Password));
        }

        File.WriteAllText(CaPem, ca.ExportCertificatePem());
        File.WriteAllBytes(ServerPkcs12, server.Export(X509ContentType.Pkcs12, Password));
        File.WriteAllText(ServerPem, server.ExportCertificatePem() + "\n" + serverKey.ExportPkcs8PrivateKeyPem() + "\n");
    }

    public string CaPem => Path.Combine(_directory, "ca.pem");

    public string ServerPkcs12 => Path.Combine(_directory, "server.p12");

    public string ServerPem => Path.Combine(_directory, "server.pem");

    public static IReadOnlyList<string> ClientNames { get; } = ["alice", "admin"];

    public string ClientPkcs12(string name) => Path.Combine(_directory, $"client-{name}.p12");

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
