using ActorBroker.Tls;
using Akka.Configuration;

namespace ActorBroker.Cli.Tests.Tls;

/// <summary>actorbroker.tls errors name the key to fix, and come before any port is bound.</summary>
public sealed class TlsSettingsTests : IDisposable
{
    private readonly TestCertificates _certificates = new();

    private static Config Hocon(string text) => ConfigurationFactory.ParseString(text);

    private static TlsConfigException LoadFails(TlsSettings settings) => Assert.Throws<TlsConfigException>(() => TlsCredentials.Load(settings).Dispose());

    [Fact]
    public void A_node_that_does_not_say_on_or_off_fails_naming_the_enabled_key()
    {
        var error = Assert.Throws<TlsConfigException>(() => TlsSettings.ForNode(Config.Empty));

        Assert.Equal("actorbroker.tls.enabled", error.Path);
        Assert.Contains("explicit choice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_client_that_says_nothing_speaks_plain_tcp()
    {
        Assert.False(TlsSettings.ForClient(Config.Empty).Enabled);
    }

    [Fact]
    public void Plain_tcp_written_down_is_off()
    {
        Assert.False(TlsSettings.ForNode(Hocon("actorbroker.tls.enabled = off")).Enabled);
    }

    [Fact]
    public void An_enabled_value_that_is_neither_on_nor_off_names_the_key()
    {
        Assert.Equal("actorbroker.tls.enabled", Assert.Throws<TlsConfigException>(() => TlsSettings.ForNode(Hocon("actorbroker.tls.enabled = maybe"))).Path);
    }

    [Theory]
    [InlineData("ca", "actorbroker.tls.ca")]
    [InlineData("certificate", "actorbroker.tls.certificate")]
    public void Tls_on_with_an_empty_file_setting_names_that_key(string empty, string key)
    {
        var config = Hocon($$"""
            actorbroker.tls { enabled = on, ca = "ca.crt", certificate = "node.pfx" }
            actorbroker.tls.{{empty}} = ""
            """);

        Assert.Equal(key, Assert.Throws<TlsConfigException>(() => TlsSettings.ForNode(config)).Path);
    }

    [Fact]
    public void A_missing_ca_file_names_the_ca_key()
    {
        var error = LoadFails(_certificates.Settings("node1") with { Ca = Path.Combine(_certificates.Root, "missing.crt") });

        Assert.Equal("actorbroker.tls.ca", error.Path);
        Assert.Contains("missing.crt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_certificate_file_names_the_certificate_key()
    {
        var error = LoadFails(_certificates.Settings("node1") with { Certificate = Path.Combine(_certificates.Root, "missing.pfx") });

        Assert.Equal("actorbroker.tls.certificate", error.Path);
        Assert.Contains("missing.pfx", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_password_names_the_certificate_and_the_password_keys()
    {
        var error = LoadFails(_certificates.Settings("node1") with { Password = "wrong" });

        Assert.Equal("actorbroker.tls.certificate", error.Path);
        Assert.Contains("actorbroker.tls.password", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_node_certificate_as_the_ca_names_the_ca_key()
    {
        var settings = _certificates.Settings("node1");

        Assert.Equal("actorbroker.tls.ca", LoadFails(settings with { Ca = Path.ChangeExtension(settings.Certificate, ".crt") }).Path);
    }

    [Fact]
    public void A_certificate_the_ca_did_not_issue_fails_at_start_naming_the_certificate_key()
    {
        var error = LoadFails(_certificates.Settings("stranger") with { Ca = _certificates.Cluster.CaCertificatePath });

        Assert.Equal("actorbroker.tls.certificate", error.Path);
        Assert.Contains("does not chain to the cluster CA", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, "akka.tcp://broker@127.0.0.1:2552")]
    [InlineData(false, "akka.ssl.tcp://broker@127.0.0.1:2552")]
    public void A_seed_written_with_the_other_scheme_names_the_seed_nodes_key(bool tls, string seed)
    {
        var config = Hocon($"akka.cluster.seed-nodes = [\"{seed}\"]");

        var error = Assert.Throws<TlsConfigException>(() => RemotingScheme.RequireSeeds(config, tls));

        Assert.Equal("akka.cluster.seed-nodes", error.Path);
        Assert.Contains(tls ? "akka.ssl.tcp://broker@127.0.0.1:2552" : "akka.tcp://broker@127.0.0.1:2552", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Revoked_serials_are_read_as_openssl_and_dotnet_write_them_and_a_bad_one_names_the_key()
    {
        const string files = "actorbroker.tls { enabled = on, ca = ca.crt, certificate = node.pfx }";

        var settings = TlsSettings.ForNode(Hocon(files + """
            actorbroker.tls.revoked = ["serial=4F0A9C", "00:8a:bc", "abc"]
            """));
        var error = Assert.Throws<TlsConfigException>(() => TlsSettings.ForNode(Hocon(files + "actorbroker.tls.revoked = [\"not-hex\"]")));

        Assert.Equal(["4F0A9C", "8ABC", "0ABC"], settings.Revoked);
        Assert.Equal("actorbroker.tls.revoked", error.Path);
        Assert.Contains("'not-hex' is not a certificate serial number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_revoked_certificate_is_refused_by_its_peers_and_cannot_start_a_process()
    {
        using var node1 = TlsCredentials.Load(_certificates.Settings("node1"));
        using var node2 = TlsCredentials.Load(_certificates.Settings("node2"));
        var revoked = new[] { CertificateSerial.Of(node2.Certificate) };

        using var guarded = TlsCredentials.Load(_certificates.Settings("node1") with { Revoked = revoked });
        var ownFails = LoadFails(_certificates.Settings("node2") with { Revoked = revoked });

        Assert.Null(node1.Trust.Refusal(node2.Certificate));
        Assert.Contains($"(serial {revoked[0]}) is revoked (actorbroker.tls.revoked)", guarded.Trust.Refusal(node2.Certificate), StringComparison.Ordinal);
        Assert.Null(guarded.Trust.Refusal(node1.Certificate));
        Assert.Equal("actorbroker.tls.certificate", ownFails.Path);
        Assert.Contains("is revoked", ownFails.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_password_never_shows_in_the_settings_text()
    {
        Assert.DoesNotContain(TestCertificates.Password, _certificates.Settings("node1").ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => _certificates.Dispose();
}
