using ActorBroker.Client.Connection;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using Akka.Actor;
using Akka.Event;

namespace ActorBroker.Client.Producer;

// Outcomes: answers from the leaders, telling each record's sender, memory release and flushes.
public sealed partial class ProducerActor
{
    private void OnProduceResponse(ProduceResponse response)
    {
        // An answer after the request timed out (its batches were retried or failed meanwhile) is stale.
        if (!_inFlight.Remove(response.CorrelationId, out var sent)) return;
        var now = MonotonicClock.NowMs;
        foreach (var batch in sent)
        {
            if (!AwaitsAnswer(batch, response.CorrelationId)) continue;
            TakeInFlight(batch);
            // The batches of one message got consecutive offsets from the one the answer gives.
            if (response.Error == ErrorCode.None)
                CompleteBatch(batch, response.BaseOffset < 0 ? -1 : response.BaseOffset + batch.OffsetInRequest, response.LogAppendTime);
            else RetryOrFail(batch, response.Error, response.ErrorMessage ?? response.Error.ToString(), now);
        }

        SchedulePump();
    }

    private void CompleteBatch(ProducerBatch batch, long baseOffset, long logAppendTime)
    {
        var topic = batch.Queue.Partition.Topic;
        var partition = batch.Queue.Partition.Partition;
        var slots = batch.Slots;
        for (var i = 0; i < slots.Length; i++)
        {
            var offset = baseOffset < 0 ? -1 : baseOffset + i;
            var timestamp = logAppendTime >= 0 ? logAppendTime : slots[i].Timestamp;
            switch (slots[i].ReplyTo)
            {
                case IActorRef actor:
                    actor.Tell(new DeliveryReport(topic, partition, offset, timestamp), Self);
                    break;
                case TaskCompletionSource<DeliveryResult> completion:
                    completion.TrySetResult(new DeliveryResult(topic, partition, offset, timestamp));
                    break;
            }
        }

        FinishBatch(batch);
    }

    private void FailBatch(ProducerBatch batch, ErrorCode error, string message)
    {
        _log.Warning("{Batch} failed: {Error}: {Message}", batch, error, message);
        foreach (var slot in batch.Slots) Tell(slot.ReplyTo, batch.Queue.Partition.Topic, batch.Queue.Partition.Partition, error, message);
        FinishBatch(batch);
    }

    private void FinishBatch(ProducerBatch batch)
    {
        _memory.Release(batch.ReservedBytes);
        _incomplete -= batch.Count;
        if (_flushWaiters.Count > 0)
            foreach (var slot in batch.Slots) CountFlushed(slot.Sequence);
        batch.Finish();
        if (_blocked.Count > 0) SchedulePump();
    }

    /// <summary>Fails a record that never made it into a batch.</summary>
    private void FailRecord(in PendingRecord record, int partition, ErrorCode error, string message, bool reserved)
    {
        Tell(record.ReplyTo, record.Topic, partition, error, message);
        if (reserved)
        {
            _memory.Release(record.Size);
            if (_blocked.Count > 0) SchedulePump();
        }

        _incomplete--;
        if (_flushWaiters.Count > 0) CountFlushed(record.Sequence);
    }

    private void Tell(object? replyTo, string topic, int partition, ErrorCode error, string message)
    {
        switch (replyTo)
        {
            case IActorRef actor:
                actor.Tell(new DeliveryFailed(topic, partition, error, message), Self);
                break;
            case TaskCompletionSource<DeliveryResult> completion:
                completion.TrySetException(new BrokerException(error, message));
                break;
        }
    }

    private void OnFlush(object? replyTo)
    {
        DrainStaged();
        if (_incomplete == 0)
        {
            ReplyFlushed(replyTo);
            return;
        }

        _flushWaiters.Add(new FlushWaiter(_nextRecordSequence, _incomplete, replyTo));
        SchedulePump();
    }

    private void CountFlushed(long sequence)
    {
        for (var i = _flushWaiters.Count - 1; i >= 0; i--)
        {
            var waiter = _flushWaiters[i];
            if (sequence >= waiter.UpTo || --waiter.Remaining > 0) continue;
            _flushWaiters.RemoveAt(i);
            ReplyFlushed(waiter.ReplyTo);
        }
    }

    private void ReplyFlushed(object? replyTo)
    {
        switch (replyTo)
        {
            case IActorRef actor:
                actor.Tell(Flushed.Instance, Self);
                break;
            case TaskCompletionSource completion:
                completion.TrySetResult();
                break;
        }
    }

    /// <summary>On stop (or restart) every record still held gets an outcome: none is dropped silently.</summary>
    private void FailEverything()
    {
        const string message = "the producer stopped before the record's outcome was known";
        DrainStaged();
        while (_blocked.TryDequeue(out var record)) FailRecord(in record, -1, ErrorCode.UnknownServerError, message, reserved: false);
        foreach (var topic in _topics.Values)
            while (topic.Waiting.TryDequeue(out var record)) FailRecord(in record, record.Partition, ErrorCode.UnknownServerError, message, reserved: true);
        foreach (var (correlationId, sent) in _inFlight.ToList())
        {
            foreach (var batch in sent)
            {
                if (!AwaitsAnswer(batch, correlationId)) continue;
                TakeInFlight(batch);
                FailBatch(batch, ErrorCode.UnknownServerError, message);
            }
        }

        foreach (var queue in _partitions)
        {
            if (queue.Open is { } open)
            {
                queue.Open = null;
                _builders.Return(open.Close());
                FailBatch(open, ErrorCode.UnknownServerError, message);
            }

            while (queue.Ready.Count > 0) FailBatch(queue.Ready.RemoveFirst(), ErrorCode.UnknownServerError, message);
        }

        foreach (var waiter in _flushWaiters) ReplyFlushed(waiter.ReplyTo);
        _flushWaiters.Clear();
    }
}
