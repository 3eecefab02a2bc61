using ActorBroker.Client;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;

namespace ActorBroker.Cli.Commands;

/// <summary>
/// <c>topics create|list|describe|delete|alter|verify-replicas</c>: topic administration through any node, as Kafka's
/// kafka-topics tool; verify-replicas compares every replica byte for byte, as kafka-replica-verification does.
/// </summary>
internal sealed class TopicsCommand : ICommand
{
    public int Words => 1;

    public string Usage => $"topics create|list|describe|delete|alter|verify-replicas [--topic T] [--partitions N] [--replication-factor R] [--config K=V,...] {ClientConfig.Options}";

    public string Description => "create, list, describe, delete topics, add partitions (alter --partitions N), compare replicas (verify-replicas)";

    public bool Matches(string[] args) => args is ["topics", ..];

    public int Run(string[] args, TextWriter output)
    {
        if (args.Length == 0) throw new UsageException($"topics needs an action; usage: {Usage}");
        var line = new CommandLine(args[1..], Usage, [.. ClientConfig.OptionNames, "--topic", "--partitions", "--replication-factor", "--config"], []);
        return RunAsync(args[0], line, output).GetAwaiter().GetResult();
    }

    private async Task<int> RunAsync(string action, CommandLine line, TextWriter output)
    {
        await using var admin = AdminClient.Create(ClientConfig.Build(line));
        switch (action)
        {
            case "create":
            {
                var topic = line.Required("--topic");
                var partitions = line.Int("--partitions", 1, 100_000) ?? 1;
                var replicationFactor = (short)(line.Int("--replication-factor", 1, short.MaxValue) ?? 1);
                await admin.CreateTopicAsync(topic, partitions, replicationFactor, Configs(line)).ConfigureAwait(false);
                output.WriteLine($"Created topic {topic} with {partitions} partition(s), replication factor {replicationFactor}.");
                return 0;
            }
            case "list":
                foreach (var name in (await admin.ListTopicsAsync().ConfigureAwait(false)).Order(StringComparer.Ordinal)) output.WriteLine(name);
                return 0;
            case "describe":
            {
                var names = line["--topic"] is { } one ? [one] : await admin.ListTopicsAsync().ConfigureAwait(false);
                var topics = await admin.DescribeTopicsAsync(names).ConfigureAwait(false);
                foreach (var topic in topics.OrderBy(t => t.Name, StringComparer.Ordinal)) Describe(topic, output);
                return topics.Any(t => t.Error != ErrorCode.None) ? 1 : 0;
            }
            case "delete":
            {
                var topic = line.Required("--topic");
                await admin.DeleteTopicAsync(topic).ConfigureAwait(false);
                output.WriteLine($"Deleted topic {topic}.");
                return 0;
            }
            case "alter":
            {
                var topic = line.Required("--topic");
                var partitions = line.Int("--partitions", 1, 100_000) ?? throw new UsageException("topics alter needs --partitions N (the new total)");
                await admin.CreatePartitionsAsync(topic, partitions).ConfigureAwait(false);
                output.WriteLine($"Topic {topic} now has {partitions} partitions.");
                return 0;
            }
            case "verify-replicas":
            {
                var comparison = await admin.CompareReplicasAsync(line.Required("--topic")).ConfigureAwait(false);
                foreach (var partition in comparison.Partitions) output.WriteLine(partition);
                return comparison.Identical ? 0 : 1;
            }
            default:
                throw new UsageException($"unknown topics action '{action}'; usage: {Usage}");
        }
    }

    internal static void Describe(TopicMetadata topic, TextWriter output)
    {
        if (topic.Error != ErrorCode.None)
        {
            output.WriteLine($"Topic: {topic.Name}\tError: {topic.Error}");
            return;
        }
        var replicationFactor = topic.Partitions.Count == 0 ? 0 : topic.Partitions.Max(p => p.Replicas.Count);
        var configs = string.Join(",", topic.Configs.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Value}"));
        output.WriteLine($"Topic: {topic.Name}\tTopicId: {topic.TopicId}\tPartitionCount: {topic.Partitions.Count}\tReplicationFactor: {replicationFactor}\tConfigs: {configs}");
        foreach (var p in topic.Partitions.OrderBy(p => p.Partition))
        {
            var leader = p.Leader ?? "none";
            var error = p.Error == ErrorCode.None ? "" : $"\tError: {p.Error}";
            output.WriteLine($"\tTopic: {topic.Name}\tPartition: {p.Partition}\tLeader: {leader}\tLeaderEpoch: {p.LeaderEpoch}\tReplicas: {string.Join(",", p.Replicas)}\tIsr: {string.Join(",", p.Isr)}{error}");
        }
    }

    private static Dictionary<string, string> Configs(CommandLine line)
    {
        var configs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in line.List("--config") ?? [])
        {
            var equals = pair.IndexOf('=');
            if (equals <= 0) throw new UsageException($"--config takes key=value pairs separated by commas, e.g. retention.ms=60000; got '{pair}'");
            configs[pair[..equals]] = pair[(equals + 1)..];
        }
        return configs;
    }
}
