using System.Diagnostics;
using System.Globalization;
using ActorBroker.Client;

namespace ActorBroker.Cli.Quickstart;

/// <summary>
/// Produces the numbered records (key = the number, value = "record-N") at a bounded rate with a bounded number of
/// records awaiting their outcome, and books every outcome in the ledger.
/// </summary>
internal static class ProduceLoad
{
    public static async Task RunAsync(ProducerClient producer, string topic, DeliveryLedger ledger, int recordsPerSecond, int maxInFlight)
    {
        using var slots = new SemaphoreSlim(maxInFlight);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < ledger.Records; i++)
        {
            while (i >= recordsPerSecond * clock.Elapsed.TotalSeconds) await Task.Delay(5).ConfigureAwait(false);
            await slots.WaitAsync().ConfigureAwait(false);
            var record = i;
            Task<DeliveryResult> delivery;
            try
            {
                delivery = producer.ProduceAsync(topic, record.ToString(CultureInfo.InvariantCulture), $"record-{record}");
            }
            catch (Exception e) when (e is Protocol.BrokerException or ObjectDisposedException)
            {
                delivery = Task.FromException<DeliveryResult>(e);
            }

            ledger.Produced();
            _ = delivery.ContinueWith(t =>
            {
                if (t.IsCompletedSuccessfully) ledger.Acknowledge(record, t.Result.Partition, t.Result.Offset);
                else ledger.Fail(t.Exception?.InnerException ?? new OperationCanceledException());
                slots.Release();
            }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        // Every slot back: every record has its outcome.
        for (var i = 0; i < maxInFlight; i++) await slots.WaitAsync().ConfigureAwait(false);
    }
}
