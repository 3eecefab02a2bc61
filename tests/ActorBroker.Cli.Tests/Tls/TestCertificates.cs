using ActorBroker.Tls;

namespace ActorBroker.Cli.Tests.Tls;

/// <summary>
/// Two CAs in a temporary directory, as 'actorbroker certs create' makes them: the cluster's (nodes node1 and node2, the
/// client certificates client and admin) and a stranger's (stranger), whose certificates are well-formed but chain to the wrong root.
/// </summary>
internal sealed class TestCertificates : IDisposable
{
    public const string Password = "test-password";

    public TestCertificates()
    {
        Root = Directory.CreateTempSubdirectory("actorbroker-tls-").FullName;
        Cluster = new CertificateDirectory(Path.Combine(Root, "cluster"));
        Cluster.Create(["node1", "node2"], Password, TimeSpan.FromDays(1), "test cluster CA", TimeProvider.System, clients: ["client", "admin"]);
        Stranger = new CertificateDirectory(Path.Combine(Root, "stranger"));
        Stranger.Create(["stranger"], Password, TimeSpan.FromDays(1), "some other CA", TimeProvider.System);
    }

    public string Root { get; }

    public CertificateDirectory Cluster { get; }

    public CertificateDirectory Stranger { get; }

    /// <summary>Settings for <paramref name="name"/> of the cluster CA, or of the stranger's CA for "stranger".</summary>
    public TlsSettings Settings(string name)
    {
        var directory = name == "stranger" ? Stranger : Cluster;
        return new TlsSettings { Enabled = true, Ca = directory.CaCertificatePath, Certificate = directory.CertificatePath(name), Password = Password };
    }

    /// <summary>The <c>actorbroker.tls</c> section for <paramref name="name"/>, as a node's or client's file gives it.</summary>
    public string Hocon(string name)
    {
        var s = Settings(name);
        return $$"""
            actorbroker.tls {
              enabled = on
              ca = "{{s.Ca}}"
              certificate = "{{s.Certificate}}"
              password = "{{s.Password}}"
            }
            """;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
