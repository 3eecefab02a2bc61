using System.Collections.Concurrent;
using System.Diagnostics;
using ActorBroker.Client;
using ActorBroker.Client.Settings;
using ActorBroker.FaultTests.Checking;
using ActorBroker.Protocol;

namespace ActorBroker.FaultTests.Workload;

/// <summary>
/// Reads every partition from the beginning until each acknowledged value has been seen and nothing new came for a
/// while (so records past the last acknowledged one are read too), or until the timeout.
/// </summary>
public static class FinalRead
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(3);

    public static async Task<IReadOnlyList<Read>> ReadAllAsync(string topic, int partitions, IEnumerable<Ack> acked, ConsumerSettings settings,
        ClientConnection connection, TimeSpan timeout)
    {
        var reads = new ConcurrentQueue<Read>();
        var missing = new ConcurrentDictionary<string, byte>(acked.Select(a => KeyValuePair.Create(a.Value, (byte)0)), StringComparer.Ordinal);
        await using var consumer = new ConsumerClient(settings, connection);
        consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartition(topic, p)));
        consumer.SeekToBeginning();
        using var stop = new CancellationTokenSource(timeout);
        var reading = Task.Run(async () =>
        {
            await foreach (var record in consumer.ConsumeAsync(stop.Token))
            {
                var value = record.ValueAsString() ?? "(null)";
                reads.Enqueue(new Read(record.Partition, record.Offset, value));
                missing.TryRemove(value, out _);
            }
        });

        // Stop once every acknowledged value was read and the count stood still for a while.
        var lastCount = -1;
        var stillSince = Stopwatch.GetTimestamp();
        while (!stop.IsCancellationRequested && !reading.IsCompleted)
        {
            await Task.Delay(200);
            if (reads.Count != lastCount) (lastCount, stillSince) = (reads.Count, Stopwatch.GetTimestamp());
            else if (missing.IsEmpty && Stopwatch.GetElapsedTime(stillSince) >= Quiet) break;
        }

        await stop.CancelAsync();
        try
        {
            await reading;
        }
        catch (OperationCanceledException)
        {
        }

        return [.. reads];
    }
}
