using ActorBroker.Client;

namespace ActorBroker.Cli.Commands;

/// <summary><c>partitions reassign</c>: moves a partition to other nodes, as Kafka's kafka-reassign-partitions tool (one partition at a time).</summary>
internal sealed class PartitionsCommand : ICommand
{
    public int Words => 2;

    public string Usage => $"partitions reassign --topic T --partition N --replicas a,b,c {ClientConfig.Options}";

    public string Description => "move a partition to other nodes (node ids host:port, the first the preferred leader); topics describe shows the progress";

    public bool Matches(string[] args) => args is ["partitions", "reassign", ..];

    public int Run(string[] args, TextWriter output)
    {
        var line = new CommandLine(args, Usage, [.. ClientConfig.OptionNames, "--topic", "--partition", "--replicas"], []);
        var topic = line.Required("--topic");
        var partition = line.Int("--partition", 0, int.MaxValue) ?? throw new UsageException($"--partition is required; usage: {Usage}");
        var replicas = line.List("--replicas") is { Count: > 0 } list ? list : throw new UsageException($"--replicas needs node ids separated by commas; usage: {Usage}");
        return RunAsync(line, topic, partition, replicas, output).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(CommandLine line, string topic, int partition, IReadOnlyList<string> replicas, TextWriter output)
    {
        await using var admin = AdminClient.Create(ClientConfig.Build(line));
        await admin.ReassignPartitionAsync(topic, partition, replicas).ConfigureAwait(false);
        output.WriteLine($"Reassignment of {topic}-{partition} to {string.Join(",", replicas)} started; the new replicas join as they catch up (see topics describe).");
        return 0;
    }
}
