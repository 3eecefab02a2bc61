using ActorBroker.Cli.Quickstart;
using ActorBroker.MultiNode;
using ActorBroker.Protocol.Security;
using ActorBroker.Testing;
using Xunit.Abstractions;

namespace ActorBroker.Cli.Tests;

/// <summary><c>users</c> and <c>acls</c> as an administrator types them, against an in-process broker node.</summary>
[Collection(ClusterNodesCollection.Name)]
public sealed class UsersAclsCommandTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly BrokerNodes _nodes = new(output);

    [Fact]
    public async Task A_password_is_stored_as_a_scram_credential_listed_without_secrets_kept_across_a_restart_and_removed()
    {
        var port = ClusterNodes.FreePort();
        var (node, host) = await _nodes.StartAsync(port, port);
        var connect = _nodes.Connect(port);
        var passwordFile = Path.GetTempFileName();
        await File.WriteAllTextAsync(passwordFile, "alice-secret\n");
        try
        {
            var (code, text, errors) = Cli(["users", "set", "--user", "alice", "--password-file", passwordFile, .. connect]);
            Assert.True(code == 0, errors);
            Assert.Contains("Set the SCRAM-SHA-256 password of user alice", text, StringComparison.Ordinal);
            Assert.True(await Poll.UntilAsync(() => host.Metadata.Current.Security.Find("alice", ScramMechanism.ScramSha256) is not null, TimeSpan.FromSeconds(30)));
            var stored = host.Metadata.Current.Security.Find("alice", ScramMechanism.ScramSha256)!;
            Assert.True(stored.Matches("alice-secret"));
            Assert.False(stored.Matches("wrong"));

            (code, text, _) = Cli(["users", "list", .. connect]);
            Assert.Equal(0, code);
            Assert.Equal("User: alice\tCredentials: SCRAM-SHA-256 (iterations 4096)", text.Trim());
            Assert.DoesNotContain("alice-secret", text, StringComparison.Ordinal);

            // The controller's journal keeps users and ACLs: a killed node's successor recovers them from its SQLite file.
            Assert.Equal(0, Cli(["acls", "add", "--allow-principal", "User:alice", "--operation", "Write", "--topic", "orders", .. connect]).Code);
            await _nodes.Fixture.KillAsync(node);
            (_, host) = await _nodes.StartAsync(port, port);
            Assert.True(await Poll.UntilAsync(() => host.Metadata.Current.Security.Find("alice", ScramMechanism.ScramSha256) is not null, TimeSpan.FromSeconds(30)),
                "the restarted node's controller did not recover the user");
            Assert.True(host.Metadata.Current.Security.Find("alice", ScramMechanism.ScramSha256)!.Matches("alice-secret"));
            Assert.Equal(AclOperation.Write, Assert.Single(host.Metadata.Current.Security.Acls).Operation);

            Assert.Equal(0, Cli(["users", "remove", "--user", "alice", .. connect]).Code);
            (code, _, errors) = Cli(["users", "remove", "--user", "alice", .. connect]);
            Assert.Equal(1, code);
            Assert.Contains("ResourceNotFound", errors, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    [Fact]
    public async Task Acls_are_added_once_listed_as_kafka_acls_prints_them_and_removed()
    {
        var port = ClusterNodes.FreePort();
        await _nodes.StartAsync(port, port);
        var connect = _nodes.Connect(port);

        var (code, text, errors) = Cli(["acls", "add", "--allow-principal", "User:alice", "--operation", "Read,Describe", "--topic", "orders", .. connect]);
        Assert.True(code == 0, errors);
        Assert.Contains("Added 2 ACL(s) (0 existed)", text, StringComparison.Ordinal);
        Assert.Contains("Added 0 ACL(s) (2 existed)", Cli(["acls", "add", "--allow-principal", "User:alice", "--operation", "Read,Describe", "--topic", "orders", .. connect]).Output,
            StringComparison.Ordinal);
        Assert.Equal(0, Cli(["acls", "add", "--deny-principal", "User:*", "--operation", "All", "--cluster", "--host", "10.0.0.9", .. connect]).Code);

        (code, text, _) = Cli(["acls", "list", "--topic", "orders", .. connect]);
        Assert.Equal(0, code);
        Assert.Equal(
        [
            "(principal=User:alice, host=*, operation=Read, permissionType=Allow) on ResourcePattern(resourceType=Topic, name=orders, patternType=Literal)",
            "(principal=User:alice, host=*, operation=Describe, permissionType=Allow) on ResourcePattern(resourceType=Topic, name=orders, patternType=Literal)",
        ], text.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        Assert.Contains("Removed 1 ACL(s)", Cli(["acls", "remove", "--allow-principal", "User:alice", "--operation", "Read", "--topic", "orders", .. connect]).Output,
            StringComparison.Ordinal);
        Assert.Equal(2, Cli(["acls", "list", .. connect]).Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void A_certificates_principal_keeps_its_commas_in_a_list_of_principals()
    {
        Assert.Equal(["User:CN=alice,O=corp,C=DE", "User:bob", "User:CN=carol"],
            Commands.AclsCommand.Principals(["User:CN=alice", "O=corp", "C=DE", "User:bob", "User:CN=carol"]));
    }

    [Fact]
    public void Bad_command_lines_are_usage_errors()
    {
        Assert.Equal(2, Cli(["users", "set", "--user", "alice"]).Code); // no password
        Assert.Equal(2, Cli(["users", "set", "--user", "alice", "--password", "x", "--mechanism", "MD5"]).Code);
        Assert.Equal(2, Cli(["users", "set", "--user", "alice", "--password", "x", "--iterations", "10"]).Code);
        Assert.Equal(2, Cli(["acls", "add", "--allow-principal", "User:a", "--operation", "Read"]).Code); // no resource
        Assert.Equal(2, Cli(["acls", "add", "--allow-principal", "User:a", "--operation", "Fly", "--topic", "t"]).Code);
        Assert.Equal(2, Cli(["acls", "add", "--operation", "Read", "--topic", "t"]).Code); // no principal
        Assert.Equal(2, Cli(["acls", "add", "--allow-principal", "User:a", "--operation", "Read", "--topic", "t", "--cluster"]).Code);
    }

    private static (int Code, string Output, string Errors) Cli(string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = Program.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _nodes.DisposeAsync();
}
