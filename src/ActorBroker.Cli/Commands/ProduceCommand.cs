using System.Text;
using ActorBroker.Client;

namespace ActorBroker.Cli.Commands;

/// <summary>
/// <c>produce</c>: sends the lines of stdin (or <c>--count</c> generated records) to a topic, as Kafka's console
/// producer does, and prints each record's partition and offset, or a summary with <c>--quiet</c>.
/// </summary>
internal sealed class ProduceCommand : ICommand
{
    // Records awaited at once: bounds the CLI's own memory on long inputs, while the producer batches underneath.
    private const int Window = 10_000;

    public int Words => 1;

    public string Usage => $"produce --topic T [--key-separator S] [--count N [--record-size B]] [--acks all|1|0] [--quiet] {ClientConfig.Options}";

    public string Description => "send stdin lines (key<S>value with --key-separator) or N generated records; prints offsets";

    public bool Matches(string[] args) => args is ["produce", ..];

    public int Run(string[] args, TextWriter output) => Run(args, Console.In, output);

    internal int Run(string[] args, TextReader input, TextWriter output)
    {
        var line = new CommandLine(args, Usage, [.. ClientConfig.OptionNames, "--topic", "--key-separator", "--count", "--record-size", "--acks"], ["--quiet"]);
        var topic = line.Required("--topic");
        var acks = line["--acks"] ?? "all";
        if (acks is not ("all" or "-1" or "1" or "0")) throw new UsageException($"--acks must be all, 1 or 0, was '{acks}'");
        var config = ClientConfig.Build(line, $"actorbroker.client.producer.acks = {HoconText.Quote(acks)}");
        return RunAsync(line, topic, config, input, output).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(CommandLine line, string topic, Akka.Configuration.Config config, TextReader input, TextWriter output)
    {
        var quiet = line.Flag("--quiet");
        var separator = line["--key-separator"];
        var count = line.Long("--count", 1, long.MaxValue);
        var recordSize = line.Int("--record-size", 0, 100 * 1024 * 1024) ?? 100;
        if (separator == "") throw new UsageException("--key-separator must not be empty");

        await using var producer = ProducerClient.Create(config);
        var pending = new Queue<Task<DeliveryResult>>();
        long sent = 0, failed = 0;
        var started = DateTime.UtcNow;

        foreach (var (key, value) in count is { } n ? Generated(n, recordSize) : Lines(input, separator))
        {
            pending.Enqueue(producer.ProduceAsync(topic, key, value));
            sent++;
            if (pending.Count >= Window) failed += await Report(pending.Dequeue(), quiet, output).ConfigureAwait(false);
        }
        while (pending.Count > 0) failed += await Report(pending.Dequeue(), quiet, output).ConfigureAwait(false);

        var seconds = Math.Max((DateTime.UtcNow - started).TotalSeconds, 1e-6);
        if (quiet || count is not null)
            output.WriteLine($"{sent - failed} of {sent} records delivered to {topic} in {seconds:0.00} s ({(sent - failed) / seconds:0} records/s)");
        return failed == 0 ? 0 : 1;
    }

    private static async Task<int> Report(Task<DeliveryResult> delivery, bool quiet, TextWriter output)
    {
        try
        {
            var result = await delivery.ConfigureAwait(false);
            if (!quiet) output.WriteLine($"{result.Topic}\tpartition {result.Partition}\toffset {result.Offset}");
            return 0;
        }
        catch (Exception e) when (e is Protocol.BrokerException or TimeoutException)
        {
            output.WriteLine($"failed: {e.Message}");
            return 1;
        }
    }

    private static IEnumerable<(byte[]? Key, byte[] Value)> Lines(TextReader input, string? separator)
    {
        while (input.ReadLine() is { } text)
        {
            var at = separator is null ? -1 : text.IndexOf(separator, StringComparison.Ordinal);
            yield return at < 0
                ? (null, Encoding.UTF8.GetBytes(text))
                : (Encoding.UTF8.GetBytes(text[..at]), Encoding.UTF8.GetBytes(text[(at + separator!.Length)..]));
        }
    }

    private static IEnumerable<(byte[]? Key, byte[] Value)> Generated(long count, int recordSize)
    {
        // One shared payload: the producer copies it into the batch, so the CLI allocates nothing per record.
        var payload = new byte[recordSize];
        Random.Shared.NextBytes(payload);
        for (long i = 0; i < count; i++) yield return (null, payload);
    }
}
