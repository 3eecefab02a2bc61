using System.Buffers;
using ActorBroker.Protocol.Records;

namespace ActorBroker.Client.Producer;

/// <summary>
/// One record batch of one partition through its life: open (records go into a pooled builder), closed (its bytes
/// are final), in flight, retried, then completed. A retry sends the very same bytes, so a batch is never built
/// twice and a record that was acknowledged is never sent again in another batch. Who to tell about each record
/// is kept in a pooled array, in offset order.
/// </summary>
internal sealed class ProducerBatch
{
    private RecordSlot[] _slots;

    public ProducerBatch(PartitionQueue queue, RecordBatchBuilder builder, long createdMs, long sequence)
    {
        Queue = queue;
        Builder = builder;
        CreatedMs = createdMs;
        Sequence = sequence;
        _slots = ArrayPool<RecordSlot>.Shared.Rent(16);
    }

    public PartitionQueue Queue { get; }

    /// <summary>The builder while the batch is open; null once closed.</summary>
    public RecordBatchBuilder? Builder { get; private set; }

    /// <summary>The encoded batch once closed.</summary>
    public RecordBatch? Built { get; private set; }

    /// <summary>When the first record arrived: linger and delivery.timeout count from here.</summary>
    public long CreatedMs { get; }

    /// <summary>Creation order within the producer; keeps retried batches in their original order.</summary>
    public long Sequence { get; }

    public int Count { get; private set; }

    public long ReservedBytes { get; private set; }

    /// <summary>Times sent so far.</summary>
    public int Attempts { get; set; }

    /// <summary>Not to be sent again before this (retry.backoff).</summary>
    public long RetryAtMs { get; set; }

    /// <summary>While in flight: the correlation id of its request and the request it belongs to.</summary>
    public long CorrelationId { get; set; }

    public InFlightRequest? Request { get; set; }

    /// <summary>While in flight: records sent before it in the same message, whose answer gives the first one's offset.</summary>
    public int OffsetInRequest { get; set; }

    public bool IsDone { get; private set; }

    public int SizeInBytes => Built?.SizeInBytes ?? Builder?.SizeInBytes ?? 0;

    public bool TryAppend(in PendingRecord record)
    {
        if (!Builder!.TryAppend(record.Timestamp, record.Key, record.Value, record.Headers)) return false;
        if (Count == _slots.Length)
        {
            var bigger = ArrayPool<RecordSlot>.Shared.Rent(Count * 2);
            _slots.AsSpan(0, Count).CopyTo(bigger);
            ReturnSlots();
            _slots = bigger;
        }

        _slots[Count++] = new RecordSlot(record.ReplyTo, record.Timestamp, record.Sequence);
        ReservedBytes += record.Size;
        return true;
    }

    /// <summary>Finishes the bytes; the caller takes the builder back.</summary>
    public RecordBatchBuilder Close()
    {
        var builder = Builder!;
        Built = builder.Build();
        Builder = null;
        return builder;
    }

    public ReadOnlySpan<RecordSlot> Slots => _slots.AsSpan(0, Count);

    /// <summary>Marks the batch done and gives its arrays back; its slots must have been answered.</summary>
    public void Finish()
    {
        IsDone = true;
        Request = null;
        ReturnSlots();
        _slots = [];
    }

    private void ReturnSlots()
    {
        if (_slots.Length == 0) return;
        ArrayPool<RecordSlot>.Shared.Return(_slots, clearArray: true);
    }

    public override string ToString() => $"batch {Sequence} of {Queue.Partition} ({Count} records, attempt {Attempts})";
}

/// <summary>Who to tell about one record of a batch, its timestamp and its arrival order.</summary>
internal readonly record struct RecordSlot(object? ReplyTo, long Timestamp, long Sequence);
