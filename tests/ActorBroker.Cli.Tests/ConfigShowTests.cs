using Akka.Configuration;

namespace ActorBroker.Cli.Tests;

public sealed class ConfigShowTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("actorbroker-cli-").FullName;
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    private int Run(params string[] args) => Program.Run(args, _out, _err);

    [Fact]
    public void Config_show_prints_the_reference_defaults_as_valid_hocon()
    {
        Assert.Equal(0, Run("config", "show"));
        var printed = ConfigurationFactory.ParseString(_out.ToString());
        Assert.Equal("broker", printed.GetString("actorbroker.node.system-name"));
        Assert.Equal("actorbroker.persistence.journal.sqlite", printed.GetString("akka.persistence.journal.plugin"));
        Assert.Equal("keep-majority", printed.GetString("akka.cluster.split-brain-resolver.active-strategy"));
    }

    [Fact]
    public void Config_show_puts_the_nodes_file_over_the_defaults()
    {
        var file = Path.Combine(_directory, "node.conf");
        File.WriteAllText(file, "actorbroker.persistence.journal.sqlite.data-directory = \"/var/lib/node1\"\n");
        Assert.Equal(0, Run("config", "show", "--config", file, "--path", "actorbroker.persistence.journal.sqlite"));
        var printed = ConfigurationFactory.ParseString(_out.ToString());
        Assert.Equal("/var/lib/node1", printed.GetString("data-directory"));
        Assert.Equal("normal", printed.GetString("synchronous"));
    }

    [Fact]
    public void Environment_variables_and_includes_in_a_config_file_are_resolved_before_akka_reads_it()
    {
        // Akka.NET 1.5's own parser reads ${?VAR} as an empty string (and its printer recursed on it without end).
        var variable = $"ACTORBROKER_TEST_{Guid.NewGuid():N}";
        File.WriteAllText(Path.Combine(_directory, "tls.conf"), "actorbroker.tls.certificate = \"/etc/actorbroker/node.pfx\"\n");
        var file = Path.Combine(_directory, "node.conf");
        File.WriteAllText(file, $$"""
            include "tls.conf"
            actorbroker.tls {
              enabled = on
              password = ${?{{variable}}}
            }
            actorbroker.node.system-name = ${?{{variable}}_UNSET}
            """);
        Environment.SetEnvironmentVariable(variable, "from the environment");
        try
        {
            Assert.Equal(0, Run("config", "show", "--config", file));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }

        var printed = ConfigurationFactory.ParseString(_out.ToString());
        Assert.Equal("from the environment", printed.GetString("actorbroker.tls.password"));
        Assert.Equal("/etc/actorbroker/node.pfx", printed.GetString("actorbroker.tls.certificate"));
        Assert.Equal("broker", printed.GetString("actorbroker.node.system-name")); // an unset optional one leaves the default
    }

    [Fact]
    public void A_malformed_config_file_exits_1_naming_file_line_and_column()
    {
        var file = Path.Combine(_directory, "bad.conf");
        File.WriteAllText(file, "actorbroker {\n  loglevel = \"INFO\n}\n");
        Assert.Equal(1, Run("config", "show", "--config", file));
        Assert.Contains("bad.conf:2:", _err.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_config_file_exits_1_with_its_name()
    {
        Assert.Equal(1, Run("config", "show", "--config", Path.Combine(_directory, "nope.conf")));
        Assert.Contains("nope.conf", _err.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_command_exits_2_and_points_to_help()
    {
        Assert.Equal(2, Run("frobnicate"));
        Assert.Contains("actorbroker help", _err.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_option_exits_2_with_the_usage()
    {
        Assert.Equal(2, Run("config", "show", "--colour"));
        Assert.Contains("usage: config show", _err.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
