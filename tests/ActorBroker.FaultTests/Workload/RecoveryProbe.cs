using System.Globalization;
using ActorBroker.Client;
using ActorBroker.Client.Settings;
using ActorBroker.Protocol;

namespace ActorBroker.FaultTests.Workload;

/// <summary>
/// Asks whether the cluster serves again: one record produced to every partition (values <c>probe:{n}</c>, recorded
/// like the workload's) and each read back at the offset its acknowledgement named. Probes are retried until one
/// succeeds or the deadline passes.
/// </summary>
public sealed class RecoveryProbe(string topic, int partitions, HistoryRecorder history, ProducerClient producer, ConsumerSettings consumerSettings,
    ClientConnection connection)
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(5);
    private long _sequence;

    /// <summary>Probes until one round succeeds; returns false if none did before <paramref name="deadline"/>.</summary>
    public async Task<bool> AwaitServingAsync(TimeSpan deadline)
    {
        using var stop = new CancellationTokenSource(deadline);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                if (await ProbeOnceAsync(stop.Token)) return true;
            }
            catch (Exception e) when (e is TimeoutException or OperationCanceledException or BrokerException)
            {
                // Not serving yet.
            }

            try
            {
                await Task.Delay(200, stop.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }

        return false;
    }

    private async Task<bool> ProbeOnceAsync(CancellationToken stop)
    {
        var deliveries = Enumerable.Range(0, partitions).Select(p =>
        {
            var value = $"probe:{Interlocked.Increment(ref _sequence).ToString(CultureInfo.InvariantCulture)}";
            return (Value: value, Delivery: history.Track(value, producer.ProduceAsync(topic, value, value, partition: p, cancellationToken: stop)));
        }).ToList();
        var acked = new List<(string Value, DeliveryResult Result)>();
        foreach (var (value, delivery) in deliveries) acked.Add((value, await delivery.WaitAsync(AttemptTimeout, stop)));

        await using var consumer = new ConsumerClient(consumerSettings, connection);
        var wanted = acked.ToDictionary(a => (a.Result.Partition, a.Result.Offset), a => a.Value);
        consumer.Assign(acked.Select(a => new TopicPartition(topic, a.Result.Partition)));
        foreach (var (_, result) in acked) consumer.Seek(new TopicPartition(topic, result.Partition), result.Offset);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
        timeout.CancelAfter(AttemptTimeout);
        await foreach (var record in consumer.ConsumeAsync(timeout.Token))
        {
            if (!wanted.TryGetValue((record.Partition, record.Offset), out var value)) continue;
            if (record.ValueAsString() != value) return false;
            wanted.Remove((record.Partition, record.Offset));
            if (wanted.Count == 0) return true;
        }

        return false;
    }
}
