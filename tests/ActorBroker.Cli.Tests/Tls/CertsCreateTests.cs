using System.Security.Cryptography.X509Certificates;
using ActorBroker.Tls;

namespace ActorBroker.Cli.Tests.Tls;

/// <summary><c>actorbroker certs create</c>: what it writes loads as a node's TLS credentials and chains to its CA.</summary>
public sealed class CertsCreateTests : IDisposable
{
    private readonly string _directory = Path.Combine(Directory.CreateTempSubdirectory("actorbroker-certs-").FullName, "certs");
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    private int Run(params string[] args) => Program.Run(args, _out, _err);

    private TlsSettings SettingsFor(string name) => new()
    {
        Enabled = true,
        Ca = Path.Combine(_directory, "ca.crt"),
        Certificate = Path.Combine(_directory, name + ".pfx"),
        Password = "pw",
    };

    [Fact]
    public void Certs_create_writes_a_ca_and_certificates_that_load_as_tls_credentials_and_chain_to_the_ca()
    {
        Assert.Equal(0, Run("certs", "create", "--out", _directory, "--names", "node1,node2", "--password", "pw"));

        foreach (var name in new[] { "node1", "node2" })
        {
            using var credentials = TlsCredentials.Load(SettingsFor(name));
            Assert.True(credentials.Certificate.HasPrivateKey);
            Assert.Equal($"CN={name}", credentials.Certificate.Subject);
            Assert.Null(credentials.Trust.Refusal(credentials.Certificate));
            var usages = credentials.Certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Select(o => o.Value);
            Assert.Equal(["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"], usages.Order());
        }

        Assert.Contains("enabled = on", _out.ToString(), StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_directory, "node1.pfx"), _out.ToString(), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_directory, "ca.key")));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_directory, "node1.pfx")));
        }
    }

    [Fact]
    public void A_second_run_issues_new_names_from_the_same_ca()
    {
        Assert.Equal(0, Run("certs", "create", "--out", _directory, "--names", "node1", "--password", "pw"));
        var ca = File.ReadAllText(Path.Combine(_directory, "ca.crt"));

        Assert.Equal(0, Run("certs", "create", "--out", _directory, "--names", "node2", "--password", "pw"));

        Assert.Equal(ca, File.ReadAllText(Path.Combine(_directory, "ca.crt")));
        using var node1 = TlsCredentials.Load(SettingsFor("node1"));
        using var node2 = TlsCredentials.Load(SettingsFor("node2"));
        Assert.Null(node1.Trust.Refusal(node2.Certificate));
    }

    [Fact]
    public void Clients_get_certificates_for_client_authentication_only_which_make_them_clients_and_cannot_start_a_node()
    {
        Assert.Equal(0, Run("certs", "create", "--out", _directory, "--names", "node1", "--clients", "app", "--password", "pw"));

        using var node = TlsCredentials.Load(SettingsFor("node1"));
        using var client = TlsCredentials.Load(SettingsFor("app"));
        Assert.Null(node.Trust.Refusal(client.Certificate));
        var usages = client.Certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Select(o => o.Value);
        Assert.Equal(["1.3.6.1.5.5.7.3.2"], usages);
        Assert.Equal(PeerRole.Client, CertificateRoles.Of(client.Certificate));
        Assert.Equal(PeerRole.Node, CertificateRoles.Of(node.Certificate));
        // A node's certificate serves a client as well; a client's cannot start a node.
        using (TlsCredentials.Load(SettingsFor("node1"))) { }
        var refused = Assert.Throws<TlsConfigException>(() => TlsCredentials.Load(SettingsFor("app"), PeerRole.Node).Dispose());
        Assert.Contains("certs create --clients", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Client certificates (--clients) reach only the broker's front actor", _out.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_given_as_node_and_client_is_a_usage_error()
    {
        Assert.Equal(2, Run("certs", "create", "--out", _directory, "--names", "a,b", "--clients", "b"));

        Assert.Contains("'b' is named both in --names and in --clients", _err.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(_directory));
    }

    [Fact]
    public void An_existing_certificate_is_never_overwritten()
    {
        Assert.Equal(0, Run("certs", "create", "--out", _directory, "--names", "node1"));
        var before = File.ReadAllBytes(Path.Combine(_directory, "node1.pfx"));

        Assert.Equal(1, Run("certs", "create", "--out", _directory, "--names", "node1"));

        Assert.Contains("exists already", _err.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(_directory, "node1.pfx")));
    }

    [Fact]
    public void A_certificate_of_another_ca_is_refused_with_the_reason()
    {
        using var certificates = new TestCertificates();
        using var node = TlsCredentials.Load(certificates.Settings("node1"));
        using var stranger = TlsCredentials.Load(certificates.Settings("stranger"));

        var refusal = node.Trust.Refusal(stranger.Certificate);

        Assert.NotNull(refusal);
        Assert.Contains("does not chain to the cluster CA 'CN=test cluster CA'", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_name_is_a_usage_error()
    {
        Assert.Equal(2, Run("certs", "create", "--out", _directory, "--names", "../escape"));

        Assert.Contains("'../escape' is not a certificate name", _err.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(_directory));
    }

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_directory)!, recursive: true);
}
