using System.Diagnostics;
using ActorBroker.Cli.Perf;
using ActorBroker.Client;
using ActorBroker.Client.Settings;

namespace ActorBroker.Cli.Commands;

/// <summary>
/// <c>perf produce</c> and <c>perf consume</c>, in the spirit of Kafka's producer and consumer perf tools. Produce
/// latency runs from ProduceAsync to the delivery report (one record in 16 is timed); consume latency from the record's timestamp to its delivery
/// to the application (end to end, so it includes the backlog when reading old records).
/// </summary>
internal sealed class PerfCommand : ICommand
{
    /// <summary>One produced record in this many is timed (Kafka's perf tool samples too).</summary>
    private const int LatencySampling = 16;

    public int Words => 1;

    public string Usage =>
        $"perf produce|consume --topic T [--num-records N] [--record-size B] [--acks all|1|0] [--throughput R] [--batch-size B] [--linger-ms L] [--warmup-records W] {ClientConfig.Options}";

    public string Description => "measure produce or consume throughput (records/s, MB/s) and latency (avg, p50, p99, p99.9, max)";

    public bool Matches(string[] args) => args is ["perf", "produce" or "consume", ..];

    public int Run(string[] args, TextWriter output)
    {
        var action = args[0];
        var line = new CommandLine(args[1..], Usage,
            [.. ClientConfig.OptionNames, "--topic", "--num-records", "--record-size", "--acks", "--throughput", "--batch-size", "--linger-ms", "--timeout-ms", "--warmup-records"], []);
        return action == "produce" ? ProduceAsync(line, output).GetAwaiter().GetResult() : ConsumeAsync(line, output).GetAwaiter().GetResult();
    }

    private static async Task<int> ProduceAsync(CommandLine line, TextWriter output)
    {
        var topic = line.Required("--topic");
        var records = line.Long("--num-records", 1, long.MaxValue) ?? 1_000_000;
        var recordSize = line.Int("--record-size", 0, 10 * 1024 * 1024) ?? 100;
        var throughput = line.Long("--throughput", -1, long.MaxValue) ?? -1;
        var acks = line["--acks"] ?? "1";
        if (acks is not ("all" or "-1" or "1" or "0")) throw new UsageException($"--acks must be all, 1 or 0, was '{acks}'");
        var hocon = new List<string> { $"actorbroker.client.producer.acks = {HoconText.Quote(acks)}" };
        if (line.Int("--batch-size", 100, 64 * 1024 * 1024) is { } batchSize) hocon.Add($"actorbroker.client.producer.batch-size = {batchSize}");
        if (line.Int("--linger-ms", 0, 60_000) is { } linger) hocon.Add($"actorbroker.client.producer.linger = {linger}ms");

        await using var producer = ProducerClient.Create(ClientConfig.Build(line, [.. hocon]));
        var payload = new byte[recordSize];
        Random.Shared.NextBytes(payload);
        var warmup = line.Long("--warmup-records", 0, records - 1) ?? 0;
        var latency = new LatencyHistogram();
        var steadyLatency = new LatencyHistogram();
        long failed = 0;
        var pacer = new Pacer(throughput);
        var clock = Stopwatch.StartNew();
        var steadyFrom = TimeSpan.Zero;
        if (warmup > 0) output.WriteLine($"Warming up with the first {warmup} records; the steady-state line follows the whole run's.");

        // Every record's outcome is checked when its slot in the window comes round again; one record in
        // LatencySampling also gets a continuation that times it, so timing does not cost a thread-pool item per record.
        // The continuations are counted rather than kept: the last one to finish completes allTimed.
        var window = new Task<DeliveryResult>[Math.Min(records, 65_536)];
        var timedLeft = 1;
        var allTimed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        for (long i = 0; i < records; i++)
        {
            while (!pacer.MaySend(i, clock.Elapsed)) await Task.Delay(1).ConfigureAwait(false);
            if (i == warmup && warmup > 0) steadyFrom = clock.Elapsed;
            var slot = (int)(i % window.Length);
            if (window[slot] is { IsCompletedSuccessfully: false } previous) failed += await Failed(previous).ConfigureAwait(false);
            var sentAt = Stopwatch.GetTimestamp();
            var outcome = producer.ProduceAsync(topic, null, payload);
            window[slot] = outcome;
            if (i == 0)
            {
                // A new producer's first record waits for the topic's metadata, its first request through the cluster
                // client (150-250 ms on this 2-core machine with three nodes). Kafka's send() blocks meanwhile;
                // ProduceAsync does not, so pacing from the clock would queue some 25,000 records (at 114k/s) behind
                // that one wait, and they alone would set the p99. Pacing starts once the first record is delivered.
                await Task.WhenAny(outcome).ConfigureAwait(false);
                pacer.Start(clock.Elapsed, 1);
            }
            if (i % LatencySampling != 0) continue;
            Interlocked.Increment(ref timedLeft);
            var steady = warmup > 0 && i >= warmup;
            _ = outcome.ContinueWith(t =>
            {
                var micros = (long)Stopwatch.GetElapsedTime(sentAt).TotalMicroseconds;
                if (t.IsCompletedSuccessfully)
                    lock (latency)
                    {
                        latency.Record(micros);
                        if (steady) steadyLatency.Record(micros);
                    }
                if (Interlocked.Decrement(ref timedLeft) == 0) allTimed.SetResult();
            }, TaskContinuationOptions.ExecuteSynchronously);
        }
        foreach (var outcome in window) if (outcome is not null) failed += await Failed(outcome).ConfigureAwait(false);
        if (Interlocked.Decrement(ref timedLeft) == 0) allTimed.SetResult();
        await allTimed.Task.ConfigureAwait(false);
        var elapsed = clock.Elapsed;

        output.WriteLine(PerfReport.Format("sent", records - failed, (records - failed) * recordSize, elapsed, latency, "produce"));
        // Failures are not told apart by phase: any failure fails the run anyway.
        if (warmup > 0)
            output.WriteLine("steady state: " + PerfReport.Format("sent", records - warmup, (records - warmup) * recordSize, elapsed - steadyFrom, steadyLatency, "produce"));
        if (failed > 0) output.WriteLine($"{failed} records failed");
        return failed == 0 ? 0 : 1;
    }

    private static async Task<int> Failed(Task<DeliveryResult> outcome)
    {
        try
        {
            await outcome.ConfigureAwait(false);
            return 0;
        }
        catch (Exception e) when (e is Protocol.BrokerException or TimeoutException or ObjectDisposedException)
        {
            return 1;
        }
    }

    private static async Task<int> ConsumeAsync(CommandLine line, TextWriter output)
    {
        var topic = line.Required("--topic");
        var records = line.Long("--num-records", 1, long.MaxValue) ?? 1_000_000;
        var idle = TimeSpan.FromMilliseconds(line.Int("--timeout-ms", 1, int.MaxValue) ?? 10_000);
        var config = ClientConfig.Build(line);
        await using var connection = ClientConnection.Create(config);
        await using var admin = new AdminClient(connection);
        var partitions = await ConsumeCommand.PartitionsOf(admin, topic, null).ConfigureAwait(false);
        await using var consumer = new ConsumerClient(ConsumerSettings.FromConfig(config), connection);
        consumer.Assign(partitions);
        consumer.SeekToBeginning();

        var latency = new LatencyHistogram();
        long consumed = 0, bytes = 0;
        using var stop = new CancellationTokenSource(idle);
        var clock = Stopwatch.StartNew();
        try
        {
            await foreach (var record in consumer.ConsumeAsync(stop.Token).ConfigureAwait(false))
            {
                bytes += (record.Key?.Length ?? 0) + (record.Value?.Length ?? 0);
                latency.Record((DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - record.Timestamp) * 1000);
                if (++consumed >= records) break;
                if ((consumed & 0xFFF) == 0) stop.CancelAfter(idle);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            output.WriteLine($"stopped: no records for {idle.TotalMilliseconds:0} ms after {consumed} of {records}");
        }
        output.WriteLine(PerfReport.Format("consumed", consumed, bytes, clock.Elapsed, latency, "end-to-end"));
        return consumed == records ? 0 : 1;
    }
}
