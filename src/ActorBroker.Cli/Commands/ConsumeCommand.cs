using ActorBroker.Client;
using ActorBroker.Client.Settings;
using ActorBroker.Protocol;

namespace ActorBroker.Cli.Commands;

/// <summary>
/// <c>consume</c>: prints a topic's records (partition, offset, key, value), as Kafka's console consumer does:
/// from the end by default, from the beginning or an offset on request; stops after <c>--max-messages</c> or when
/// nothing arrives for <c>--timeout-ms</c>.
/// </summary>
internal sealed class ConsumeCommand : ICommand
{
    public int Words => 1;

    public string Usage =>
        $"consume --topic T [--partition P] [--from-beginning | --offset N] [--max-messages N] [--timeout-ms MS] {ClientConfig.Options}";

    public string Description => "print records (partition, offset, key, value) from the end, the beginning or an offset";

    public bool Matches(string[] args) => args is ["consume", ..];

    public int Run(string[] args, TextWriter output)
    {
        var line = new CommandLine(args, Usage,
            [.. ClientConfig.OptionNames, "--topic", "--partition", "--offset", "--max-messages", "--timeout-ms"], ["--from-beginning"]);
        if (line.Flag("--from-beginning") && line["--offset"] is not null) throw new UsageException("give --from-beginning or --offset, not both");
        if (line["--offset"] is not null && line["--partition"] is null) throw new UsageException("--offset needs --partition");
        return RunAsync(line, output).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(CommandLine line, TextWriter output)
    {
        var topic = line.Required("--topic");
        var maxMessages = line.Long("--max-messages", 1, long.MaxValue) ?? long.MaxValue;
        var idle = line.Int("--timeout-ms", 1, int.MaxValue) is { } ms ? TimeSpan.FromMilliseconds(ms) : Timeout.InfiniteTimeSpan;

        var config = ClientConfig.Build(line);
        await using var connection = ClientConnection.Create(config);
        await using var admin = new AdminClient(connection);
        var partitions = await PartitionsOf(admin, topic, line.Int("--partition", 0, int.MaxValue)).ConfigureAwait(false);

        await using var consumer = new ConsumerClient(ConsumerSettings.FromConfig(config), connection);
        consumer.Assign(partitions);
        if (line.Long("--offset", 0, long.MaxValue) is { } offset) consumer.Seek(partitions[0], offset);
        else if (line.Flag("--from-beginning")) consumer.SeekToBeginning();
        else consumer.SeekToEnd();

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        stop.CancelAfter(idle);
        long printed = 0;
        try
        {
            await foreach (var record in consumer.ConsumeAsync(stop.Token).ConfigureAwait(false))
            {
                output.WriteLine($"Partition:{record.Partition}\tOffset:{record.Offset}\tKey:{record.KeyAsString() ?? "null"}\tValue:{record.ValueAsString() ?? "null"}");
                if (++printed >= maxMessages) break;
                stop.CancelAfter(idle);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // --timeout-ms passed with no record, or Ctrl-C: a normal end.
        }
        output.Flush();
        Console.Error.WriteLine($"Processed {printed} records");
        return 0;
    }

    internal static async Task<List<TopicPartition>> PartitionsOf(AdminClient admin, string topic, int? only)
    {
        var described = (await admin.DescribeTopicsAsync([topic]).ConfigureAwait(false)).Single();
        if (described.Error != ErrorCode.None) throw new BrokerException(described.Error, $"topic '{topic}': {described.Error}");
        var partitions = described.Partitions.Select(p => new TopicPartition(topic, p.Partition)).OrderBy(p => p.Partition).ToList();
        if (only is not { } number) return partitions;
        return partitions.Any(p => p.Partition == number)
            ? [new TopicPartition(topic, number)]
            : throw new BrokerException(ErrorCode.UnknownTopicOrPartition, $"topic '{topic}' has no partition {number} (it has {partitions.Count})");
    }
}
