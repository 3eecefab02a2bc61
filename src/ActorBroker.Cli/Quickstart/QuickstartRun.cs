using System.Buffers.Text;
using ActorBroker.Client;
using ActorBroker.Client.Settings;
using ActorBroker.Protocol;
using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Akka.Hosting.Logging;
using Microsoft.Extensions.Logging;

namespace ActorBroker.Cli.Quickstart;

/// <summary>
/// <c>actorbroker quickstart</c> from start to end: three broker nodes in this process, a replicated topic, numbered
/// records produced with acks=all while a partition leader is killed and restarted, then every partition consumed
/// from the beginning and checked against what was acknowledged. Exit code 0 only if no acknowledged record was lost.
/// </summary>
internal sealed class QuickstartRun(QuickstartOptions options, TextWriter output)
{
    public const string Topic = "quickstart";
    private const int NodeCount = 3;
    private const int MaxInFlight = 5_000;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    // Consuming ends when nothing has arrived for this long: shortly once every acknowledged record is in, else later.
    private static readonly TimeSpan IdleWhenComplete = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan IdleWhenIncomplete = TimeSpan.FromSeconds(5);

    private readonly Narrator _say = new(output);

    public async Task<int> RunAsync()
    {
        var data = QuickstartData.Prepare(options.DataDirectory);
        _say.Say($"data directory {data.Root} (node logs: node-N.log, client log: client.log)");
        try
        {
            return await RunInAsync(data.Root).ConfigureAwait(false);
        }
        finally
        {
            if (options.KeepData)
            {
                _say.Say($"kept the data directory {data.Root}");
            }
            else
            {
                data.Delete();
                _say.Say("removed the data directory (--keep-data keeps it)");
            }

            _say.Say($"finished in {_say.Elapsed.TotalSeconds:0.0} s");
        }
    }

    private async Task<int> RunInAsync(string root)
    {
        _say.Say($"starting {NodeCount} broker nodes on 127.0.0.1, each with its own SQLite journal");
        await using var cluster = await LocalCluster.StartAsync(root, NodeCount, StartTimeout).ConfigureAwait(false);
        var controller = cluster.ControllerNode;
        string Label(string? id) => id is null ? "(none)" : cluster.Nodes.FirstOrDefault(n => n.NodeId == id)?.Name ?? id;
        _say.Say($"cluster Up: {string.Join(", ", cluster.Nodes.Select(n => $"{n.Name} {n.NodeId}"))}; the controller runs on {controller.Name}, the oldest member");
        _say.Say($"Kafka clients can connect meanwhile: bootstrap.servers={string.Join(",", cluster.Nodes.Select(n => n.Kafka.Advertised))}");

        var clientConfig = QuickstartConfig.Client(cluster.Nodes.Select(n => n.NodeId));
        using var clientLogs = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Information).AddProvider(new FileLoggerProvider(Path.Combine(root, "client.log"), LogLevel.Information)));
        var clientSetup = BootstrapSetup.Create().WithConfig(clientConfig.WithFallback(ClientConnection.SystemDefaults)).And(new LoggerFactorySetup(clientLogs));
        var clientSystem = ActorSystem.Create(clientConfig.GetString("actorbroker.client.system-name"), clientSetup);
        try
        {
            await using var connection = ClientConnection.Attach(clientSystem, ClientSettings.FromConfig(clientConfig));
            await TopicSetup.CreateAsync(connection, cluster, Topic, options, RebalanceTimeout(clientConfig), _say, Label).ConfigureAwait(false);

            var ledger = new DeliveryLedger(options.Records);
            var scenarioFailed = await ProduceThroughFailoverAsync(connection, clientConfig, cluster, controller, ledger, Label).ConfigureAwait(false);
            _say.Say("partitions now:");
            foreach (var p in controller.Broker.Metadata.Current.Topics[Topic].Partitions) _say.Detail(Quickstart.MetadataWatch.Describe(p, Label));

            _say.Say("consuming every partition from the beginning");
            await ConsumeAsync(connection, clientConfig, ledger).ConfigureAwait(false);
            var summary = ledger.Summarize();
            _say.Blank();
            LedgerReport.Print(summary, output);
            _say.Blank();
            _say.Say(summary.Lost == 0
                ? $"no acknowledged record was lost: all {summary.Acknowledged:N0} were consumed"
                : $"LOST {summary.Lost:N0} acknowledged records");
            return summary.Lost == 0 && !scenarioFailed ? 0 : 1;
        }
        finally
        {
            await clientSystem.Terminate().WaitAsync(TimeSpan.FromSeconds(20)).ConfigureAwait(false);
        }
    }

    /// <summary>Produces every record while the failover scenario runs; true when the scenario itself failed.</summary>
    private async Task<bool> ProduceThroughFailoverAsync(ClientConnection connection, Config clientConfig, LocalCluster cluster, LocalNode controller,
        DeliveryLedger ledger, Func<string?, string> label)
    {
        var producerSettings = ProducerSettings.FromConfig(clientConfig);
        var expected = TimeSpan.FromSeconds((double)options.Records / options.RecordsPerSecond);
        await using var watch = new MetadataWatch(() => controller.Broker.Metadata.Current, Topic, label, _say);
        var scenario = new FailoverScenario(cluster, controller, watch, ledger, Topic, _say, label)
        {
            ProduceTimeout = expected + producerSettings.DeliveryTimeout,
            RebalanceTimeout = RebalanceTimeout(clientConfig),
        };
        await using var producer = new ProducerClient(producerSettings, connection);
        _say.Say($"producing {options.Records:N0} records (key N, value \"record-N\") with acks=all at up to {options.RecordsPerSecond:N0} records/s, " +
            $"at most {MaxInFlight:N0} awaiting their outcome");
        var failover = scenario.RunAsync();
        await ProduceLoad.RunAsync(producer, Topic, ledger, options.RecordsPerSecond, MaxInFlight).ConfigureAwait(false);
        _say.Say($"produced {ledger.ProducedCount:N0} records: {ledger.Acknowledged:N0} acknowledged, {ledger.Failed:N0} failed");
        try
        {
            await failover.ConfigureAwait(false);
            return false;
        }
        catch (Exception e)
        {
            _say.Say($"the failover scenario failed: {e.Message}");
            return true;
        }
    }

    private async Task ConsumeAsync(ClientConnection connection, Config clientConfig, DeliveryLedger ledger)
    {
        await using var consumer = new ConsumerClient(ConsumerSettings.FromConfig(clientConfig), connection);
        consumer.Assign(Enumerable.Range(0, options.Partitions).Select(p => new TopicPartition(Topic, p)));
        consumer.SeekToBeginning();
        using var idle = new CancellationTokenSource(IdleWhenIncomplete);
        try
        {
            await foreach (var record in consumer.ConsumeAsync(idle.Token).ConfigureAwait(false))
            {
                ledger.Consume(RecordNumber(record), record.Partition, record.Offset);
                idle.CancelAfter(ledger.AllAcknowledgedConsumed() ? IdleWhenComplete : IdleWhenIncomplete);
            }
        }
        catch (OperationCanceledException) when (idle.IsCancellationRequested)
        {
            // Nothing more arrived: the end of every partition.
        }
    }

    private static int RecordNumber(ConsumeResult record) =>
        record.Key is { } key && Utf8Parser.TryParse(key.Span, out int number, out var used) && used == key.Length ? number : -1;

    /// <summary>Two leader-imbalance checks and ten seconds, when the check interval is configured; else twenty seconds.</summary>
    private static TimeSpan RebalanceTimeout(Config config)
    {
        const string key = "actorbroker.broker.controller.leader-imbalance-check-interval";
        return config.HasPath(key) ? 2 * config.GetTimeSpan(key) + TimeSpan.FromSeconds(10) : TimeSpan.FromSeconds(20);
    }
}
