using System.Runtime.InteropServices;
using ActorBroker.Client.Connection;
using ActorBroker.Client.Partitioning;
using ActorBroker.Protocol;

namespace ActorBroker.Client.Producer;

// Taking records in: size checks, buffer memory, partitioning, appending to the partition's open batch.
public sealed partial class ProducerActor
{
    private void OnProduce(Produce produce)
    {
        var record = new PendingRecord(produce.Topic, produce.Key, produce.Value, produce.Headers, produce.Timestamp ?? WallClock.NowMs,
            produce.Partition ?? -1, ReplyTarget(Sender), MonotonicClock.NowMs, RecordSize.UpperBound(produce.Key, produce.Value, produce.Headers),
            _nextRecordSequence++);
        _incomplete++;
        if (RejectUpFront(in record, produce.Partition)) return;
        if (_blocked.Count > 0 || !_memory.TryReserve(record.Size))
        {
            Block(in record);
            return;
        }

        Accept(ref record);
    }

    /// <summary>Fails records that can never be sent, before they take memory: the facade makes the same checks on its caller's thread.</summary>
    private bool RejectUpFront(in PendingRecord record, int? partition)
    {
        if (CheckRecord(record.Topic, partition, record.Size, _settings) is not { } problem) return false;
        FailRecord(in record, -1, problem.Error, problem.Message, reserved: false);
        return true;
    }

    /// <summary>The checks every record passes before it is accepted; null when it may go on.</summary>
    internal static (ErrorCode Error, string Message)? CheckRecord(string? topic, int? partition, int size, Settings.ProducerSettings settings)
    {
        if (string.IsNullOrEmpty(topic)) return (ErrorCode.InvalidTopic, "a record needs a topic");
        if (partition < 0) return (ErrorCode.UnknownTopicOrPartition, $"partition {partition} of topic '{topic}' does not exist: partitions are numbered from 0");
        if (RecordSize.InBatch(size) > settings.MaxRequestSize)
            return (ErrorCode.RecordTooLarge, $"the record is {size} bytes when encoded, which with the batch header is larger than max.request.size ({settings.MaxRequestSize})");
        if (size > settings.BufferMemory)
            return (ErrorCode.RecordTooLarge, $"the record is {size} bytes when encoded, which is larger than buffer.memory ({settings.BufferMemory})");
        return null;
    }

    /// <summary>Keeps a record that found no buffer memory until memory frees or max.block passes; a full wait queue fails it at once.</summary>
    private void Block(in PendingRecord record)
    {
        if (_blocked.Count >= _settings.MaxBlockedProduces)
        {
            FailRecord(in record, -1, ErrorCode.RequestTimedOut,
                $"buffer.memory ({_settings.BufferMemory} bytes) is full and max-blocked-produces ({_settings.MaxBlockedProduces}) records already wait for it", reserved: false);
            return;
        }

        _blocked.Enqueue(record);
        if (_blocked.Count == 1) SchedulePump();
    }

    /// <summary>Takes the records the facade staged; they reserved their memory on the caller's thread.</summary>
    private void DrainStaged()
    {
        if (_stage is null) return;
        var staged = _stage.TakeAll();
        foreach (ref var record in CollectionsMarshal.AsSpan(staged))
        {
            record.Sequence = _nextRecordSequence++;
            _incomplete++;
            Accept(ref record);
        }

        _stage.Recycle(staged);
    }

    /// <summary>A record with reserved memory: appended now, or kept until its topic's metadata is known.</summary>
    private void Accept(ref PendingRecord record)
    {
        var topic = TopicFor(record.Topic);
        if (topic is null)
        {
            FailRecord(in record, -1, ErrorCode.InvalidTopic, TopicNames.Validate(record.Topic)!, reserved: true);
            return;
        }

        if (topic.Partitions.Length == 0 || topic.Waiting.Count > 0)
        {
            topic.Waiting.Enqueue(record);
            if (topic.Waiting.Count == 1)
            {
                _metadata.Add(topic.Name);
                _metadata.RequestUpdate();
                SchedulePump();
            }

            return;
        }

        Append(topic, in record);
    }

    private TopicState? TopicFor(string name)
    {
        if (_lastTopic is { } last && last.Name == name) return last;
        if (!_topics.TryGetValue(name, out var topic))
        {
            if (TopicNames.Validate(name) is not null) return null;
            topic = new TopicState(name, _random);
            _topics[name] = topic;
            _metadata.Add(name);
        }

        return _lastTopic = topic;
    }

    private void Append(TopicState topic, in PendingRecord record)
    {
        var count = topic.Partitions.Length;
        int partition;
        var sticky = false;
        if (record.Partition >= 0)
        {
            if (record.Partition >= count)
            {
                FailRecord(in record, record.Partition, ErrorCode.UnknownTopicOrPartition,
                    $"partition {record.Partition} of topic '{topic.Name}' does not exist; the topic has {count}", reserved: true);
                return;
            }

            partition = record.Partition;
        }
        else if (record.Key is { } key)
        {
            partition = KeyPartitioner.Partition(key, count);
        }
        else
        {
            partition = topic.Sticky.Next(count, topic.IsAvailable);
            sticky = true;
        }

        var queue = topic.Partitions[partition];
        if (TryAppend(queue, in record)) return;

        // The open batch is full: it goes out, and a record without a key moves on with the sticky partition.
        CloseOpen(queue);
        SchedulePump();
        if (sticky) queue = topic.Partitions[topic.Sticky.MoveFrom(partition, count, topic.IsAvailable)];
        if (TryAppend(queue, in record)) return;
        CloseOpen(queue);
        TryAppend(queue, in record);
    }

    /// <summary>Appends to the partition's open batch, opening one if needed; false when the open batch is full.</summary>
    private bool TryAppend(PartitionQueue queue, in PendingRecord record)
    {
        var batch = queue.Open;
        if (batch is null)
        {
            batch = queue.Open = new ProducerBatch(queue, _builders.Rent(), MonotonicClock.NowMs, _nextBatchSequence++);
            if (batch.CreatedMs + _lingerMs < _armedDeadlineMs) SchedulePump();
        }

        return batch.TryAppend(in record);
    }

    /// <summary>Closes the open batch: its bytes are final and it waits to be sent.</summary>
    private void CloseOpen(PartitionQueue queue)
    {
        var batch = queue.Open!;
        _builders.Return(batch.Close());
        queue.Open = null;
        queue.Ready.AddLast(batch);
        queue.Topic.Sticky.OnBatchClosed(queue.Partition.Partition);
    }
}
