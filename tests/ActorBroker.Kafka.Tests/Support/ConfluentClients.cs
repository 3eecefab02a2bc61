using Confluent.Kafka;
using Xunit.Abstractions;

namespace ActorBroker.Kafka.Tests.Support;

/// <summary>Confluent.Kafka producers and consumers with short timeouts, logging librdkafka's lines into the test's output.</summary>
internal static class ConfluentClients
{
    public static IProducer<string, string> Producer(string bootstrap, ITestOutputHelper output, Action<ProducerConfig>? configure = null)
    {
        var config = new ProducerConfig
        {
            BootstrapServers = bootstrap,
            Acks = Acks.All,
            LingerMs = 5,
            EnableIdempotence = false,
            MessageTimeoutMs = 60_000,
            SocketTimeoutMs = 10_000,
        };
        configure?.Invoke(config);
        return new ProducerBuilder<string, string>(config).SetLogHandler((_, m) => Log(output, m)).Build();
    }

    /// <summary>
    /// A consumer for assign-only reads: no consumer group is joined (group APIs are not served) and nothing is committed.
    /// Confluent.Kafka's consumer refuses to build without a group.id although assign needs none, so one is set; with
    /// nothing subscribed or committed, the group is never joined.
    /// </summary>
    public static IConsumer<string, string> Consumer(string bootstrap, ITestOutputHelper output, Action<ConsumerConfig>? configure = null)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = "assign-only",
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            EnablePartitionEof = true,
            SocketTimeoutMs = 10_000,
        };
        configure?.Invoke(config);
        return new ConsumerBuilder<string, string>(config).SetLogHandler((_, m) => Log(output, m)).Build();
    }

    /// <summary>Reads every partition of <paramref name="topic"/> from the beginning until each has reached its end; fails after <paramref name="timeout"/>.</summary>
    public static List<ConsumeResult<string, string>> ReadAll(string bootstrap, ITestOutputHelper output, string topic, int partitions, TimeSpan timeout,
        Action<ConsumerConfig>? configure = null)
    {
        using var consumer = Consumer(bootstrap, output, configure);
        consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var records = new List<ConsumeResult<string, string>>();
        var atEnd = new HashSet<int>();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (atEnd.Count < partitions)
        {
            if (waited.Elapsed > timeout) throw new TimeoutException($"read {records.Count} records; partitions at their end: [{string.Join(", ", atEnd)}]");
            var result = consumer.Consume(TimeSpan.FromMilliseconds(500));
            if (result is null) continue;
            if (result.IsPartitionEOF) atEnd.Add(result.Partition.Value);
            else records.Add(result);
        }

        return records;
    }

    private static void Log(ITestOutputHelper output, LogMessage m)
    {
        try
        {
            output.WriteLine($"librdkafka {m.Level} {m.Facility}: {m.Message}");
        }
        catch (InvalidOperationException)
        {
            // librdkafka's threads may log after the test ended, when xunit's output no longer takes lines.
        }
    }
}
