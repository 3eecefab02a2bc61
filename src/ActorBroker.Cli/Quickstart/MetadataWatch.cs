using ActorBroker.Broker.Metadata;

namespace ActorBroker.Cli.Quickstart;

/// <summary>
/// Prints every change of a topic's leaders, leader epochs and in-sync replicas, and of the broker nodes, as one
/// node's metadata shows it, while the run goes on: the election and the ISR changes appear as they happen. Waits on
/// the metadata go through it too, so a summary line never comes before the changes it sums up.
/// </summary>
internal sealed class MetadataWatch : IAsyncDisposable
{
    private readonly Func<MetadataImage> _metadata;
    private readonly string _topic;
    private readonly Func<string?, string> _label;
    private readonly Narrator _narrator;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<(Func<MetadataImage, bool> Condition, TaskCompletionSource<MetadataImage> Met)> _waiters = [];
    private readonly Task _loop;

    public MetadataWatch(Func<MetadataImage> metadata, string topic, Func<string?, string> label, Narrator narrator)
    {
        _metadata = metadata;
        _topic = topic;
        _label = label;
        _narrator = narrator;
        _loop = Task.Run(WatchAsync);
    }

    /// <summary>One partition as a line: leader, epoch, ISR and replicas.</summary>
    public static string Describe(PartitionImage p, Func<string?, string> label) =>
        $"partition {p.Partition}: leader {label(p.Leader)}, leader epoch {p.LeaderEpoch}, ISR [{string.Join(", ", p.Isr.Select(label))}], replicas [{string.Join(", ", p.Replicas.Select(label))}]";

    /// <summary>The first image, after its changes were printed, that satisfies <paramref name="condition"/>; null after <paramref name="timeout"/>.</summary>
    public async Task<MetadataImage?> WaitAsync(Func<MetadataImage, bool> condition, TimeSpan timeout)
    {
        var waiter = (condition, new TaskCompletionSource<MetadataImage>(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (_waiters) _waiters.Add(waiter);
        try
        {
            return await waiter.Item2.Task.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return null;
        }
        finally
        {
            lock (_waiters) _waiters.Remove(waiter);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task WatchAsync()
    {
        var previous = _metadata();
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(50, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var current = _metadata();
            if (current.Version != previous.Version) Report(previous, current);
            previous = current;
            lock (_waiters)
            {
                foreach (var (condition, met) in _waiters)
                {
                    try
                    {
                        if (condition(current)) met.TrySetResult(current);
                    }
                    catch (Exception e)
                    {
                        met.TrySetException(e);
                    }
                }
            }
        }
    }

    private void Report(MetadataImage before, MetadataImage after)
    {
        var gone = before.Nodes.Select(n => n.Id).Except(after.Nodes.Select(n => n.Id)).ToList();
        var back = after.Nodes.Select(n => n.Id).Except(before.Nodes.Select(n => n.Id)).ToList();
        if (gone.Count > 0) _narrator.Detail($"metadata: {string.Join(", ", gone.Select(_label))} no longer a live broker node");
        if (back.Count > 0) _narrator.Detail($"metadata: {string.Join(", ", back.Select(_label))} is a live broker node again");
        if (!after.Topics.TryGetValue(_topic, out var topic)) return;
        before.Topics.TryGetValue(_topic, out var old);
        foreach (var p in topic.Partitions)
        {
            var was = old is not null && p.Partition < old.Partitions.Count ? old.Partitions[p.Partition] : null;
            if (was is null) continue;
            if (was.Leader != p.Leader || was.LeaderEpoch != p.LeaderEpoch)
                _narrator.Detail($"metadata: partition {p.Partition} leader {_label(was.Leader)} -> {_label(p.Leader)}, leader epoch {p.LeaderEpoch}, ISR [{Isr(p)}]");
            else if (!was.Isr.SequenceEqual(p.Isr))
                _narrator.Detail($"metadata: partition {p.Partition} ISR [{Isr(was)}] -> [{Isr(p)}]");
        }
    }

    private string Isr(PartitionImage p) => string.Join(", ", p.Isr.Select(_label));
}
