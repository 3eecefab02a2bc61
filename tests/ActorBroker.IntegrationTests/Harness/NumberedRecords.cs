using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using ActorBroker.Client;
using ActorBroker.Client.Settings;
using ActorBroker.Protocol;

namespace ActorBroker.IntegrationTests.Harness;

/// <summary>
/// Records numbered 0..N-1 (key = the number) produced at a bounded rate and with a bounded number awaiting their
/// outcome; it remembers where each acknowledged record went, then consumes topics back and checks them.
/// </summary>
public sealed class NumberedRecords(string topic, int count)
{
    private readonly ConcurrentDictionary<int, (int Partition, long Offset)> _acknowledged = new();
    private readonly ConcurrentDictionary<string, int> _failures = new(StringComparer.Ordinal);
    private int _produced;

    public int Count => count;

    public int Produced => Volatile.Read(ref _produced);

    public IReadOnlyDictionary<int, (int Partition, long Offset)> Acknowledged => _acknowledged;

    /// <summary>Failed records by error code.</summary>
    public IReadOnlyDictionary<string, int> Failures => _failures;

    /// <summary>Produces every record and returns when each has its outcome.</summary>
    public async Task ProduceAsync(ProducerClient producer, int recordsPerSecond, int maxInFlight)
    {
        using var slots = new SemaphoreSlim(maxInFlight);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            while (i >= recordsPerSecond * clock.Elapsed.TotalSeconds) await Task.Delay(5);
            await slots.WaitAsync();
            var record = i;
            var delivery = producer.ProduceAsync(topic, record.ToString(CultureInfo.InvariantCulture), $"record-{record}");
            Interlocked.Increment(ref _produced);
            _ = delivery.ContinueWith(t =>
            {
                if (t.IsCompletedSuccessfully) _acknowledged[record] = (t.Result.Partition, t.Result.Offset);
                else _failures.AddOrUpdate(Code(t.Exception?.InnerException), 1, (_, n) => n + 1);
                slots.Release();
            }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        for (var i = 0; i < maxInFlight; i++) await slots.WaitAsync();
    }

    /// <summary>
    /// Reads <paramref name="partitions"/> partitions from the beginning until every acknowledged record has been seen
    /// (or <paramref name="timeout"/> passes); returns each partition's records in offset order as (offset, record number).
    /// </summary>
    public async Task<Dictionary<int, List<(long Offset, int Record)>>> ConsumeAsync(ClientConnection connection, ConsumerSettings settings, int partitions,
        TimeSpan timeout)
    {
        var read = Enumerable.Range(0, partitions).ToDictionary(p => p, _ => new List<(long, int)>());
        var missing = new HashSet<int>(_acknowledged.Keys);
        await using var consumer = new ConsumerClient(settings, connection);
        consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartition(topic, p)));
        consumer.SeekToBeginning();
        using var stop = new CancellationTokenSource(timeout);
        try
        {
            await foreach (var record in consumer.ConsumeAsync(stop.Token))
            {
                var number = record.Key is { } key && Utf8Parser.TryParse(key.Span, out int n, out var used) && used == key.Length ? n : -1;
                read[record.Partition].Add((record.Offset, number));
                missing.Remove(number);
                if (missing.Count == 0) break;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The caller's assertions say what was missing.
        }

        return read;
    }

    /// <summary>Acknowledged records not found at the partition and offset their acknowledgement named, as "N at p@o".</summary>
    public List<string> Lost(IReadOnlyDictionary<int, List<(long Offset, int Record)>> consumed)
    {
        var found = consumed.SelectMany(p => p.Value.Select(r => (p.Key, r.Offset, r.Record))).ToHashSet();
        return [.. _acknowledged.Where(a => !found.Contains((a.Value.Partition, a.Value.Offset, a.Key))).OrderBy(a => a.Key)
            .Select(a => $"{a.Key} at {a.Value.Partition}@{a.Value.Offset}")];
    }

    /// <summary>
    /// Places where a partition's records break the producer's order: offsets must grow, and the first copy of each
    /// record number must follow the previous record numbers (one producer, one request in flight per node).
    /// </summary>
    public static List<string> OutOfOrder(IReadOnlyDictionary<int, List<(long Offset, int Record)>> consumed)
    {
        var problems = new List<string>();
        foreach (var (partition, records) in consumed)
        {
            var seen = new HashSet<int>();
            long lastOffset = -1;
            var lastRecord = -1;
            foreach (var (offset, record) in records)
            {
                if (offset <= lastOffset) problems.Add($"partition {partition}: offset {offset} after {lastOffset}");
                lastOffset = offset;
                if (!seen.Add(record)) continue;
                if (record < lastRecord) problems.Add($"partition {partition}: record {record} at offset {offset} after record {lastRecord}");
                lastRecord = record;
            }
        }

        return problems;
    }

    private static string Code(Exception? error) => error is BrokerException broker ? broker.Code.ToString() : error?.GetType().Name ?? "unknown";
}
