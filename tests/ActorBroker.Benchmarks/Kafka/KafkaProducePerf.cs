using System.Diagnostics;
using System.Globalization;
using Confluent.Kafka;

namespace ActorBroker.Benchmarks.Kafka;

/// <summary>
/// Confluent.Kafka's producer through the nodes' Kafka doors, measured as <c>actorbroker perf produce</c> measures the
/// native client: records of a fixed size, acks=all, linger 5 ms, as fast as the producer takes them; records/s from the
/// first send to the last acknowledgement. <c>--kafka-produce --bootstrap-server H:P,... --topic T --num-records N
/// [--record-size 100] [--linger-ms 5]</c>.
/// </summary>
internal static class KafkaProducePerf
{
    public static int Run(string[] args)
    {
        var options = KafkaPerfOptions.Parse(args, "--kafka-produce --bootstrap-server H:P,... --topic T --num-records N [--record-size 100] [--linger-ms 5]",
            "--bootstrap-server", "--topic", "--num-records");
        var servers = options["--bootstrap-server"];
        var topic = options["--topic"];
        var count = int.Parse(options["--num-records"], CultureInfo.InvariantCulture);
        var size = int.Parse(options.GetValueOrDefault("--record-size", "100"), CultureInfo.InvariantCulture);
        var linger = int.Parse(options.GetValueOrDefault("--linger-ms", "5"), CultureInfo.InvariantCulture);

        using var producer = new ProducerBuilder<Null, byte[]>(new ProducerConfig
        {
            BootstrapServers = servers,
            Acks = Acks.All,
            LingerMs = linger,
            EnableIdempotence = false,
            CompressionType = CompressionType.None,
        }).Build();

        var value = new byte[size];
        Random.Shared.NextBytes(value);
        var message = new Message<Null, byte[]> { Value = value };
        long failed = 0;
        string? firstError = null;
        Action<DeliveryReport<Null, byte[]>> delivered = report =>
        {
            if (report.Error.IsError && Interlocked.Increment(ref failed) == 1) firstError = report.Error.ToString();
        };

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            while (true)
            {
                try
                {
                    producer.Produce(topic, message, delivered);
                    break;
                }
                catch (ProduceException<Null, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
                {
                    producer.Poll(TimeSpan.FromMilliseconds(10)); // the local queue is full: serve delivery reports until there is room
                }
            }
        }

        producer.Flush(TimeSpan.FromMinutes(5));
        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(FormattableString.Invariant(
            $"kafka-door produce: {count} records of {size} bytes, acks=all, linger {linger} ms: {count / seconds:0} records/s, {count * (double)size / seconds / (1 << 20):0.00} MiB/s, {seconds:0.00} s, {failed} failed{(firstError is null ? "" : $" (first: {firstError})")}"));
        return failed == 0 ? 0 : 1;
    }
}
