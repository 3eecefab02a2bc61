using System.Net;
using System.Net.Sockets;

namespace ActorBroker.Cli.Tests;

/// <summary>The node command's failures that must be clear and quick: bad flags, bad config, a taken port.</summary>
public sealed class NodeCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("actorbroker-node-").FullName;
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    private int Run(params string[] args) => Program.Run(args, _out, _err);

    [Fact]
    public void A_port_already_in_use_exits_1_and_says_so()
    {
        using var taken = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        taken.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        taken.Listen();
        var port = ((IPEndPoint)taken.LocalEndPoint!).Port;

        Assert.Equal(1, Run("node", "--config", PlaintextConfig(), "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Contains($"Cannot listen on 127.0.0.1:{port}", _err.ToString(), StringComparison.Ordinal);
        Assert.Contains("already in use", _err.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_kafka_listener_port_already_in_use_exits_1_naming_the_setting()
    {
        using var taken = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        taken.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        taken.Listen();
        var port = ((IPEndPoint)taken.LocalEndPoint!).Port;

        Assert.Equal(1, Run("node", "--config", PlaintextConfig(), "--port", "0", "--data-dir", _directory, "--kafka-listener", $"127.0.0.1:{port}"));

        Assert.Contains($"Cannot listen for Kafka clients on 127.0.0.1:{port} (actorbroker.kafka.listener): the port is already in use", _err.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_kafka_setting_exits_1_naming_the_key()
    {
        var file = Path.Combine(_directory, "node.conf");
        File.WriteAllText(file, "actorbroker.kafka.request-timeout = 0s\n");

        Assert.Equal(1, Run("node", "--config", file, "--port", "0"));

        Assert.Contains("actorbroker.kafka.request-timeout", _err.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_data_directory_that_cannot_be_written_exits_1_naming_the_directory_and_the_key_before_binding_a_port()
    {
        // Under a regular file: not writable even for root, whom chmod does not stop.
        var file = Path.Combine(_directory, "a-file");
        File.WriteAllText(file, "");
        var data = Path.Combine(file, "data");
        using var taken = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        taken.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        taken.Listen();
        var port = ((IPEndPoint)taken.LocalEndPoint!).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        // The remoting port is taken too: the node must stop on the directory first, before it binds anything.
        Assert.Equal(1, Run("node", "--config", PlaintextConfig(), "--port", port, "--data-dir", data, "--kafka-listener", "off"));

        Assert.Contains($"The data directory {data} (actorbroker.persistence.journal.sqlite.data-directory) is not writable", _err.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_setting_exits_1_naming_the_key()
    {
        var file = Path.Combine(_directory, "node.conf");
        File.WriteAllText(file, "actorbroker.broker.controller.retry-interval = -1s\n");

        Assert.Equal(1, Run("node", "--config", file, "--port", "0"));

        Assert.Contains("actorbroker.broker.controller.retry-interval", _err.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_config_file_that_does_not_parse_exits_1_naming_the_file_and_line()
    {
        var file = Path.Combine(_directory, "broken.conf");
        File.WriteAllText(file, "akka {\n  remote.dot-netty.tcp.port = 2552\n");

        Assert.Equal(1, Run("node", "--config", file, "--port", "0"));

        Assert.Contains("broken.conf", _err.ToString(), StringComparison.Ordinal);
        Assert.Matches(@"broken\.conf:\d+", _err.ToString());
    }

    [Fact]
    public void A_malformed_seed_node_is_a_usage_error()
    {
        Assert.Equal(2, Run("node", "--seed-nodes", "not-an-address"));

        Assert.Contains("--seed-nodes", _err.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_port_out_of_range_is_a_usage_error()
    {
        Assert.Equal(2, Run("node", "--port", "70000"));

        Assert.Contains("--port must be a number from 0 to 65535", _err.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Cluster_status_without_an_answer_exits_1_with_a_hint()
    {
        using var silent = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        silent.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)silent.LocalEndPoint!).Port;

        Assert.Equal(1, Run("cluster", "status", "--contact", $"127.0.0.1:{port}", "--timeout", "1"));

        Assert.Contains("is the node running", _err.ToString(), StringComparison.Ordinal);
    }

    /// <summary>A node file that chooses plain TCP, as a node must choose before it binds its port.</summary>
    private string PlaintextConfig()
    {
        var file = Path.Combine(_directory, "plaintext.conf");
        File.WriteAllText(file, "actorbroker.tls.enabled = off\n");
        return file;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
