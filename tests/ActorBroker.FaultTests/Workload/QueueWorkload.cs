using System.Diagnostics;
using System.Globalization;
using ActorBroker.Client;

namespace ActorBroker.FaultTests.Workload;

/// <summary>
/// Producers writing unique values <c>w{producer}:{sequence}</c> (the value is the key too) round-robin over the
/// partitions at a bounded total rate, with a bounded number awaiting their outcome, until stopped.
/// </summary>
public sealed class QueueWorkload(string topic, int partitions, HistoryRecorder history)
{
    /// <summary>Each producer's bound on records awaiting their outcome; beyond it the producer waits.</summary>
    public const int MaxPendingPerProducer = 2_000;

    /// <summary>Produces with <paramref name="producers"/> at <paramref name="recordsPerSecond"/> in total until <paramref name="stop"/>.</summary>
    public Task RunAsync(IReadOnlyList<ProducerClient> producers, int recordsPerSecond, CancellationToken stop) =>
        Task.WhenAll(producers.Select((p, i) => ProduceAsync(p, $"w{i.ToString(CultureInfo.InvariantCulture)}", (double)recordsPerSecond / producers.Count, stop)));

    private async Task ProduceAsync(ProducerClient producer, string name, double perSecond, CancellationToken stop)
    {
        // Not disposed: deliveries still pending when the workload stops release it later.
        var slots = new SemaphoreSlim(MaxPendingPerProducer);
        var clock = Stopwatch.StartNew();
        try
        {
            for (long sequence = 0; !stop.IsCancellationRequested; sequence++)
            {
                while (sequence >= perSecond * clock.Elapsed.TotalSeconds) await Task.Delay(5, stop);
                await slots.WaitAsync(stop);
                var value = $"{name}:{sequence.ToString(CultureInfo.InvariantCulture)}";
                var delivery = history.Track(value, producer.ProduceAsync(topic, value, value, partition: (int)(sequence % partitions), cancellationToken: stop));
                _ = delivery.ContinueWith(_ => slots.Release(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }
}
