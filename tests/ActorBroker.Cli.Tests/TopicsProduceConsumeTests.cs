using ActorBroker.Cli.Commands;
using ActorBroker.Cli.Quickstart;
using ActorBroker.MultiNode;
using ActorBroker.Testing;
using Xunit.Abstractions;

namespace ActorBroker.Cli.Tests;

/// <summary><c>topics</c>, <c>produce</c> and <c>consume</c> as a user types them, against an in-process broker node.</summary>
[Collection(ClusterNodesCollection.Name)]
public sealed class TopicsProduceConsumeTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);
    private readonly BrokerNodes _nodes = new(output);

    [Fact]
    public async Task Topics_are_created_described_listed_produced_to_consumed_and_deleted()
    {
        var (port, connect) = await StartBrokerNodeAsync();

        var (code, text, errors) = Cli(["topics", "create", "--topic", "greetings", "--partitions", "2", "--config", "retention.ms=60000", .. connect]);
        Assert.True(code == 0, errors);
        Assert.Contains("Created topic greetings with 2 partition(s)", text, StringComparison.Ordinal);

        (code, text, _) = Cli(["topics", "describe", "--topic", "greetings", .. connect]);
        Assert.Equal(0, code);
        Assert.Contains("PartitionCount: 2", text, StringComparison.Ordinal);
        Assert.Contains("Configs: retention.ms=60000", text, StringComparison.Ordinal);
        Assert.Contains($"Leader: 127.0.0.1:{port}", text, StringComparison.Ordinal);
        Assert.Equal("greetings", Cli(["topics", "list", .. connect]).Output.Trim());

        (code, text, errors) = Cli(["produce", "--topic", "greetings", "--key-separator", "=", .. connect], "alice=hello\nbob=hi\nalice=bye\n");
        Assert.True(code == 0, errors);
        Assert.Equal(3, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.Contains("offset", StringComparison.Ordinal)));

        (code, text, _) = Cli(["consume", "--topic", "greetings", "--from-beginning", "--max-messages", "3", "--timeout-ms", "20000", .. connect]);
        Assert.Equal(0, code);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        var alice = lines.Where(l => l.Contains("Key:alice", StringComparison.Ordinal)).ToList();
        Assert.Equal(["Value:hello", "Value:bye"], alice.Select(l => l.Split('\t')[3]));

        (code, text, errors) = Cli(["topics", "verify-replicas", "--topic", "greetings", .. connect]);
        Assert.True(code == 0, errors);
        Assert.Contains("partition 0: offsets 0..", text, StringComparison.Ordinal);
        Assert.Contains($": identical [127.0.0.1:{port} 0..", text, StringComparison.Ordinal);

        (code, _, errors) = Cli(["topics", "create", "--topic", "greetings", .. connect]);
        Assert.Equal(1, code);
        Assert.Contains("TopicAlreadyExists", errors, StringComparison.Ordinal);

        (code, text, _) = Cli(["topics", "delete", "--topic", "greetings", .. connect]);
        Assert.Equal(0, code);
        Assert.Equal("", Cli(["topics", "list", .. connect]).Output.Trim());
    }

    [Fact]
    public async Task Partitions_reassign_moves_a_partition_to_another_node_which_copies_the_log_and_takes_over()
    {
        var port = ClusterNodes.FreePort();
        var (_, host) = await _nodes.StartAsync(port, port);
        var secondPort = ClusterNodes.FreePort();
        await _nodes.StartAsync(secondPort, port);
        await AwaitAsync(() => host.Metadata.Current.Nodes.Count == 2, "the controller never saw the second node Up");
        var connect = _nodes.Connect(port);
        Assert.Equal(0, Cli(["topics", "create", "--topic", "moving", .. connect]).Code);
        await AwaitAsync(() => host.Metadata.Current.Topics.ContainsKey("moving"), "the first node never had the topic");
        var leader = host.Metadata.Current.Topics["moving"].Partitions[0].Leader!;
        var other = leader == $"127.0.0.1:{port}" ? $"127.0.0.1:{secondPort}" : $"127.0.0.1:{port}";
        Assert.Equal(0, Cli(["produce", "--topic", "moving", "--key-separator", "=", .. connect], "a=1\nb=2\nc=3\n").Code);

        var (code, text, errors) = Cli(["partitions", "reassign", "--topic", "moving", "--partition", "0", "--replicas", other, .. connect]);

        Assert.True(code == 0, errors);
        Assert.Contains($"Reassignment of moving-0 to {other} started", text, StringComparison.Ordinal);
        // The new replica copies the log, joins the ISR, takes over, and the old one is dropped.
        await AwaitAsync(() => host.Metadata.Current.Topics["moving"].Partitions[0] is { Leader: var l, Replicas: [var only] } && l == other && only == other,
            "the reassignment never finished");
        (_, text, _) = Cli(["topics", "describe", "--topic", "moving", .. connect]);
        Assert.Contains($"Leader: {other}\tLeaderEpoch: 1\tReplicas: {other}\tIsr: {other}", text, StringComparison.Ordinal);
        (code, text, errors) = Cli(["consume", "--topic", "moving", "--from-beginning", "--max-messages", "3", "--timeout-ms", "20000", .. connect]);
        Assert.True(code == 0, errors);
        Assert.Equal(3, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [PostgreSqlFact]
    [Trait("Category", "Slow")]
    public async Task A_node_whose_HOCON_selects_PostgreSQL_keeps_topics_and_records_there_across_a_restart()
    {
        await using var server = new ThrowawayPostgreSqlServer(durable: false);
        await server.StartAsync();
        var port = ClusterNodes.FreePort();
        var connect = _nodes.Connect(port);
        // What a node's own file says to keep its logs on a database server. The SQLite journal's directory is new on
        // each start and never created: after the restart only PostgreSQL can hold the topic.
        var sqliteDirectories = new List<string>();
        string NodeFile() => $$"""
            akka.persistence {
              journal { plugin = "akka.persistence.journal.sql", sql { connection-string = "{{server.ConnectionString}}", provider-name = "PostgreSQL.15", auto-initialize = on } }
              snapshot-store { plugin = "akka.persistence.snapshot-store.sql", sql { connection-string = "{{server.ConnectionString}}", provider-name = "PostgreSQL.15", auto-initialize = on } }
            }
            actorbroker.persistence.journal.sqlite.data-directory = {{HoconText.Quote(NewDirectoryName())}}
            """;
        string NewDirectoryName()
        {
            sqliteDirectories.Add(Path.Combine(Path.GetTempPath(), $"actorbroker-unused-{Guid.NewGuid():N}"));
            return sqliteDirectories[^1];
        }

        var (first, _) = await _nodes.StartAsync(port, port, NodeFile());
        Assert.Equal(0, Cli(["topics", "create", "--topic", "kept", .. connect]).Code);
        var (code, _, errors) = Cli(["produce", "--topic", "kept", "--acks", "all", .. connect], "one\ntwo\nthree\n");
        Assert.True(code == 0, errors);
        await _nodes.Fixture.KillAsync(first);

        var (_, host) = await _nodes.StartAsync(port, port, NodeFile());
        await AwaitAsync(() => host.Metadata.Current.Topics.ContainsKey("kept"), "the restarted node's controller never recovered the topic from PostgreSQL");
        (code, var text, errors) = Cli(["consume", "--topic", "kept", "--from-beginning", "--max-messages", "3", "--timeout-ms", "20000", .. connect]);
        Assert.True(code == 0, errors);
        Assert.Equal(["one", "two", "three"], text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')[^1].Replace("Value:", "", StringComparison.Ordinal)));
        Assert.All(sqliteDirectories, directory => Assert.False(Directory.Exists(directory), $"the SQLite journal wrote to {directory}"));
    }

    [Fact]
    public void Bad_command_lines_are_usage_errors()
    {
        Assert.Equal(2, Cli(["topics", "create", "--partitions", "x"]).Code);
        Assert.Equal(2, Cli(["topics", "shrink", "--topic", "t"]).Code);
        Assert.Equal(2, Cli(["consume", "--topic", "t", "--from-beginning", "--offset", "3", "--partition", "0"]).Code);
        Assert.Equal(2, Cli(["produce", "--topic", "t", "--acks", "2"]).Code);
        Assert.Equal(2, Cli(["partitions", "reassign", "--topic", "t", "--partition", "0"]).Code);
        Assert.Equal(2, Cli(["partitions", "reassign", "--topic", "t", "--replicas", "a"]).Code);
    }

    [Fact]
    public async Task Perf_produce_with_warm_up_reports_the_whole_run_then_the_steady_state_and_perf_consume_reads_it_all()
    {
        var (_, connect) = await StartBrokerNodeAsync();
        Assert.Equal(0, Cli(["topics", "create", "--topic", "perf", .. connect]).Code);

        var (code, text, errors) = Cli(["perf", "produce", "--topic", "perf", "--num-records", "5000", "--record-size", "50", "--warmup-records", "2000", .. connect]);

        Assert.True(code == 0, errors);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("first 2000 records", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("5000 records sent in ", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("steady state: 3000 records sent in ", lines[2], StringComparison.Ordinal);
        Assert.Contains("ms p99.9", lines[2], StringComparison.Ordinal);

        (code, text, errors) = Cli(["perf", "consume", "--topic", "perf", "--num-records", "5000", .. connect]);
        Assert.True(code == 0, errors);
        Assert.StartsWith("5000 records consumed in ", text, StringComparison.Ordinal);

        // Paced: the first record goes alone, the rest at the cap once it is delivered.
        (code, text, errors) = Cli(["perf", "produce", "--topic", "perf", "--num-records", "300", "--throughput", "1000", .. connect]);
        Assert.True(code == 0, errors);
        Assert.StartsWith("300 records sent in ", text, StringComparison.Ordinal);

        (code, _, errors) = Cli(["perf", "produce", "--topic", "perf", "--num-records", "10", "--warmup-records", "10", .. connect]);
        Assert.Equal(2, code);
        Assert.Contains("--warmup-records must be a number from 0 to 9", errors, StringComparison.Ordinal);
    }

    /// <summary>One broker node with an in-memory journal; returns its port and the options that connect a command to it.</summary>
    private async Task<(int Port, string[] Connect)> StartBrokerNodeAsync()
    {
        var port = ClusterNodes.FreePort();
        await _nodes.StartAsync(port, port);
        return (port, _nodes.Connect(port));
    }

    private static async Task AwaitAsync(Func<bool> condition, string what) =>
        Assert.True(await Poll.UntilAsync(condition, Long), what);

    private static (int Code, string Output, string Errors) Cli(string[] args, string input = "")
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = args[0] == "produce"
            ? RunProduce(args, input, stdout, stderr)
            : Program.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    // produce reads stdin; the test hands it a reader instead.
    private static int RunProduce(string[] args, string input, StringWriter stdout, StringWriter stderr)
    {
        try
        {
            return new ProduceCommand().Run(args[1..], new StringReader(input), stdout);
        }
        catch (UsageException e)
        {
            stderr.WriteLine(e.Message);
            return 2;
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _nodes.DisposeAsync();
}
