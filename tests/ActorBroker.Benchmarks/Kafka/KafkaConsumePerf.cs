using System.Diagnostics;
using System.Globalization;
using Confluent.Kafka;

namespace ActorBroker.Benchmarks.Kafka;

/// <summary>
/// Confluent.Kafka's consumer through the nodes' Kafka doors: every partition assigned from the beginning (no group),
/// records/s from the assignment to the <c>--num-records</c>th record. <c>--kafka-consume --bootstrap-server H:P,...
/// --topic T --partitions P --num-records N [--max-partition-fetch-bytes 1048576] [--config k=v,...]</c>.
/// </summary>
internal static class KafkaConsumePerf
{
    public static int Run(string[] args)
    {
        var options = KafkaPerfOptions.Parse(args, "--kafka-consume --bootstrap-server H:P,... --topic T --partitions P --num-records N [--max-partition-fetch-bytes 1048576] [--config k=v,...]",
            "--bootstrap-server", "--topic", "--partitions", "--num-records");
        var topic = options["--topic"];
        var partitions = int.Parse(options["--partitions"], CultureInfo.InvariantCulture);
        var count = long.Parse(options["--num-records"], CultureInfo.InvariantCulture);

        // Confluent.Kafka will not build a consumer without a group.id; with assign and no commits the group is never joined.
        var config = new ConsumerConfig
        {
            BootstrapServers = options["--bootstrap-server"],
            GroupId = "kafka-consume-perf",
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            MaxPartitionFetchBytes = int.Parse(options.GetValueOrDefault("--max-partition-fetch-bytes", "1048576"), CultureInfo.InvariantCulture),
        };
        // Any other librdkafka setting, to tell the client's limits from the door's: --config fetch.queue.backoff.ms=0,...
        foreach (var setting in options.GetValueOrDefault("--config", "").Split(',', StringSplitOptions.RemoveEmptyEntries))
            config.Set(setting[..setting.IndexOf('=')], setting[(setting.IndexOf('=') + 1)..]);
        using var consumer = new ConsumerBuilder<Ignore, byte[]>(config).Build();

        var clock = Stopwatch.StartNew();
        consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        long read = 0, bytes = 0;
        var idle = Stopwatch.StartNew();
        // librdkafka looks up Offset.Beginning only once it knows the leaders; assigned before its first metadata, it
        // waits for its 500 ms offset-query timer. The rate counts from the first record, as kafka-consumer-perf-test's
        // fetch rate leaves out the time before fetching.
        TimeSpan startup = default, cpuAtFirst = default;
        while (read < count)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(500));
            if (read == 0 && result is not null)
            {
                startup = clock.Elapsed;
                cpuAtFirst = Process.GetCurrentProcess().TotalProcessorTime;
            }

            if (result is null)
            {
                if (idle.Elapsed > TimeSpan.FromSeconds(30))
                {
                    Console.Error.WriteLine($"kafka-door consume: no record for 30 s after {read} of {count}");
                    return 1;
                }

                continue;
            }

            idle.Restart();
            read++;
            bytes += result.Message.Value?.Length ?? 0;
        }

        var seconds = (clock.Elapsed - startup).TotalSeconds;
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuAtFirst).TotalSeconds;
        Console.WriteLine(FormattableString.Invariant(
            $"kafka-door consume: {read} records, {bytes / (double)(1 << 20):0.00} MiB in {seconds:0.00} s from the first record: {read / seconds:0} records/s, {bytes / seconds / (1 << 20):0.00} MiB/s; first record after {startup.TotalSeconds:0.00} s; this process's CPU {cpu:0.00} s"));
        return 0;
    }
}
