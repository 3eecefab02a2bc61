using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using ActorBroker.Protocol.Records;
using ActorBroker.Client.Settings;
using Akka.Actor;

namespace ActorBroker.Client.Verification;

/// <summary>
/// Reads one replica of a partition through its node's front with debugging reads (<see cref="FetchRequest.DebugReplicaId"/>),
/// which that node's replica answers itself, leader or follower, up to its own high watermark. Holds one fetch's
/// batches at a time, so comparing replicas of any size takes bounded memory.
/// </summary>
internal sealed class ReplicaReader(string node, IActorRef? front, TopicPartition partition, ClientSettings settings)
{
    private const int MaxBytes = 1 << 20;
    private readonly Queue<RecordBatch> _pending = new();
    private long _next;

    public string Node => node;

    public long LogStartOffset { get; private set; } = -1;

    public long HighWatermark { get; private set; } = -1;

    /// <summary>Why the replica could not be read; null while it can.</summary>
    public string? Error { get; private set; } = front is null ? "its node is not in the metadata (down, or not a member)" : null;

    public ReplicaExtent Extent => new(node, LogStartOffset, HighWatermark, Error);

    /// <summary>Learns the replica's log start and high watermark; false when it cannot be read.</summary>
    public async Task<bool> OpenAsync(CancellationToken cancellationToken)
    {
        if (Error is not null) return false;
        await FillAsync(0, cancellationToken).ConfigureAwait(false);
        return Error is null;
    }

    /// <summary>The batch that holds <paramref name="offset"/> or the first after it; null at the replica's high watermark or when it failed.</summary>
    public async Task<RecordBatch?> BatchAtAsync(long offset, CancellationToken cancellationToken)
    {
        while (true)
        {
            while (_pending.TryPeek(out var passed) && passed.NextOffset <= offset) _pending.Dequeue();
            if (_pending.TryPeek(out var head)) return head;
            if (Error is not null || !await FillAsync(Math.Max(offset, _next), cancellationToken).ConfigureAwait(false)) return null;
        }
    }

    /// <summary>Fetches from <paramref name="offset"/> (from the log start when retention passed it); false when nothing more came.</summary>
    private async Task<bool> FillAsync(long offset, CancellationToken cancellationToken)
    {
        var response = await FetchAsync(offset, cancellationToken).ConfigureAwait(false);
        if (response is null) return false;
        HighWatermark = response.HighWatermark;
        LogStartOffset = response.LogStartOffset;
        if (response.Error == ErrorCode.OffsetOutOfRange && offset < response.LogStartOffset)
            return await FillAsync(response.LogStartOffset, cancellationToken).ConfigureAwait(false);
        if (response.Error == ErrorCode.OffsetOutOfRange) return false; // past the high watermark: nothing more to read

        foreach (var batch in response.Batches) _pending.Enqueue(batch);
        if (response.Batches.Count > 0) _next = response.Batches[^1].NextOffset;
        return response.Batches.Count > 0;
    }

    /// <summary>
    /// Asks as the admin client does (retriable errors again until default.api.timeout); out of range is an answer
    /// (it carries the replica's range). Null, with <see cref="Error"/> set, when the replica cannot be read.
    /// </summary>
    private async Task<FetchResponse?> FetchAsync(long offset, CancellationToken cancellationToken)
    {
        try
        {
            return await RetryingAsk.AskAsync<FetchResponse>(front!, settings,
                id => new FetchRequest(partition, offset, MaxBytes, 0, 0, -1, FetchRequest.DebugReplicaId, id),
                r => r.Error == ErrorCode.OffsetOutOfRange ? ErrorCode.None : r.Error, $"read {node}'s replica of {partition}", cancellationToken).ConfigureAwait(false);
        }
        catch (BrokerException e)
        {
            Error = e.Message;
            return null;
        }
    }
}
