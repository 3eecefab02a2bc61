using System.Collections.Concurrent;
using ActorBroker.Client;
using ActorBroker.FaultTests.Checking;
using ActorBroker.Protocol;

namespace ActorBroker.FaultTests.Workload;

/// <summary>Every value sent and its outcome (the acknowledgement's partition and offset, or the error), from any thread.</summary>
public sealed class HistoryRecorder
{
    private readonly ConcurrentDictionary<string, byte> _sent = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<Ack> _acks = new();
    private readonly ConcurrentQueue<Failure> _failures = new();
    private int _pending;

    public int Acked => _acks.Count;

    public int Failed => _failures.Count;

    /// <summary>Records sent whose outcome has not come yet.</summary>
    public int Pending => Volatile.Read(ref _pending);

    public IEnumerable<Ack> Acks => _acks;

    /// <summary>Remembers <paramref name="value"/> as sent and records the delivery's outcome when it comes.</summary>
    public Task<DeliveryResult> Track(string value, Task<DeliveryResult> delivery)
    {
        _sent[value] = 0;
        Interlocked.Increment(ref _pending);
        _ = delivery.ContinueWith(t =>
        {
            if (t.IsCompletedSuccessfully) _acks.Enqueue(new Ack(value, t.Result.Partition, t.Result.Offset));
            else _failures.Enqueue(new Failure(value, ErrorOf(t.Exception?.InnerException)));
            Interlocked.Decrement(ref _pending);
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return delivery;
    }

    /// <summary>Failures counted by error, e.g. "RequestTimedOut 120, NotEnoughReplicas 40".</summary>
    public string FailureSummary() =>
        string.Join(", ", _failures.GroupBy(f => f.Error).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}"));

    public History ToHistory(IReadOnlyList<Read> reads) => new(_sent.Keys.ToHashSet(StringComparer.Ordinal), [.. _acks], [.. _failures], reads);

    private static string ErrorOf(Exception? error) => error is BrokerException broker ? broker.Code.ToString() : error?.GetType().Name ?? "unknown";
}
