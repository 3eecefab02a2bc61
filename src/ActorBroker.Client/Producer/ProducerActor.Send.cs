using ActorBroker.Client.Connection;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using ActorBroker.Protocol.Records;
using Akka.Event;

namespace ActorBroker.Client.Producer;

// The sender loop: deadlines (request, delivery, max.block), lingering batches, and sending to the leaders.
public sealed partial class ProducerActor
{
    /// <summary>
    /// One turn of the sender loop. It runs when a batch closed, an answer came, metadata changed, or a deadline
    /// armed on the timer passed; never per record.
    /// </summary>
    private void Pump()
    {
        _inPump = true;
        try
        {
            var now = MonotonicClock.NowMs;
            var next = CheckInFlight(now);
            next = Math.Min(next, ServeBlocked(now));
            next = Math.Min(next, ExpireWaiting(now));
            next = Math.Min(next, ScanPartitions(now));
            Send(now);
            _metadata.Poll(now);
            ArmTimer(Math.Min(next, _metadata.NextDeadline(now)), now);
        }
        finally
        {
            _inPump = false;
        }

        if (_pumpAgain)
        {
            _pumpAgain = false;
            SchedulePump();
        }
    }

    private void ArmTimer(long deadlineMs, long nowMs)
    {
        if (deadlineMs == long.MaxValue || deadlineMs >= _armedDeadlineMs) return;
        _armedDeadlineMs = deadlineMs;
        Timers.StartSingleTimer(Tick.Instance, Tick.Instance, MonotonicClock.Until(deadlineMs, nowMs));
    }

    /// <summary>Unanswered requests: those past request.timeout are retried; batches past delivery.timeout fail. Returns the next deadline.</summary>
    private long CheckInFlight(long now)
    {
        var next = long.MaxValue;
        foreach (var node in _nodes.Values)
        {
            // Backwards: answering a request's last batch removes the request from the list.
            for (var i = node.Requests.Count - 1; i >= 0; i--)
            {
                var request = node.Requests[i];
                var timedOut = now >= request.DeadlineMs;
                if (!timedOut) next = Math.Min(next, request.DeadlineMs);
                foreach (var batch in request.Batches)
                {
                    if (batch.Request != request) continue;
                    if (timedOut)
                    {
                        TakeInFlight(batch);
                        // The node may be gone: look for the leader again before the retry.
                        _metadata.RequestUpdate();
                        RetryOrFail(batch, ErrorCode.RequestTimedOut,
                            $"node {node.Id} did not answer within request.timeout ({_requestTimeoutMs} ms)", now);
                    }
                    else if (now >= batch.CreatedMs + _deliveryTimeoutMs)
                    {
                        TakeInFlight(batch);
                        FailBatch(batch, ErrorCode.RequestTimedOut, ExpiredMessage(batch, now, "while its request was in flight"));
                    }
                    else
                    {
                        next = Math.Min(next, batch.CreatedMs + _deliveryTimeoutMs);
                    }
                }
            }
        }

        return next;
    }

    /// <summary>Produce messages that waited for memory: accepted as memory frees, failed once max.block passes.</summary>
    private long ServeBlocked(long now)
    {
        while (_blocked.Count > 0)
        {
            var record = _blocked.Peek();
            if (_memory.TryReserve(record.Size))
            {
                _blocked.Dequeue();
                Accept(ref record);
            }
            else if (now >= record.ArrivalMs + _maxBlockMs)
            {
                _blocked.Dequeue();
                FailRecord(in record, -1, ErrorCode.RequestTimedOut,
                    $"buffer.memory ({_settings.BufferMemory} bytes) stayed full for max.block ({_maxBlockMs} ms); the record was not sent", reserved: false);
            }
            else
            {
                return record.ArrivalMs + _maxBlockMs;
            }
        }

        return long.MaxValue;
    }

    /// <summary>Records waiting for their topic's metadata fail once max.block passes (the topic does not exist, or no node answers).</summary>
    private long ExpireWaiting(long now)
    {
        var next = long.MaxValue;
        foreach (var topic in _topics.Values)
        {
            while (topic.Waiting.Count > 0)
            {
                var record = topic.Waiting.Peek();
                if (now < record.ArrivalMs + _maxBlockMs)
                {
                    next = Math.Min(next, record.ArrivalMs + _maxBlockMs);
                    break;
                }

                topic.Waiting.Dequeue();
                FailRecord(in record, record.Partition, topic.Error,
                    $"topic '{topic.Name}' was not usable in the metadata within max.block ({_maxBlockMs} ms): {topic.Error}", reserved: true);
            }

            if (topic.Waiting.Count > 0) _metadata.RequestUpdate();
        }

        return next;
    }

    /// <summary>Closes batches that lingered long enough (at once while flushing or short of memory) and fails those past delivery.timeout.</summary>
    private long ScanPartitions(long now)
    {
        var next = long.MaxValue;
        var noLinger = _flushWaiters.Count > 0 || _blocked.Count > 0 || _memory.HasWaiters;
        foreach (var queue in _partitions)
        {
            if (queue.Open is { } open)
            {
                if (now >= open.CreatedMs + _deliveryTimeoutMs)
                {
                    queue.Open = null;
                    _builders.Return(open.Close());
                    queue.Topic.Sticky.OnBatchClosed(queue.Partition.Partition);
                    FailBatch(open, ErrorCode.RequestTimedOut, ExpiredMessage(open, now, "before it was sent"));
                }
                else if (noLinger || now >= open.CreatedMs + _lingerMs)
                {
                    CloseOpen(queue);
                }
                else
                {
                    next = Math.Min(next, open.CreatedMs + _lingerMs);
                }
            }

            if (queue.Ready.Count == 0) continue;
            var expired = false;
            for (var i = 0; i < queue.Ready.Count; i++)
            {
                var batch = queue.Ready[i];
                if (now >= batch.CreatedMs + _deliveryTimeoutMs) expired = true;
                else next = Math.Min(next, batch.CreatedMs + _deliveryTimeoutMs);
            }

            if (expired)
                queue.Ready.RemoveAll(b => now >= b.CreatedMs + _deliveryTimeoutMs,
                    b => FailBatch(b, ErrorCode.RequestTimedOut, ExpiredMessage(b, now, b.Attempts == 0 ? "before it was sent" : "while waiting to be retried")));
            if (queue.Ready.Count > 0 && queue.Ready.First.RetryAtMs > now) next = Math.Min(next, queue.Ready.First.RetryAtMs);
        }

        return next;
    }

    /// <summary>
    /// Sends ready batches to their leaders. Each pass forms at most one request per node, visiting the partitions in
    /// turn (Kafka's drain) and taking each one's waiting batches along; passes repeat while requests may still be
    /// opened. With max.in.flight 1 a partition with a batch in flight waits, which keeps its order through retries and
    /// leader changes.
    /// </summary>
    private void Send(long now)
    {
        var count = _partitions.Count;
        if (count == 0) return;
        var start = _drainStart = (_drainStart + 1) % count;
        bool progress;
        do
        {
            progress = false;
            _forming.Clear();
            for (var i = 0; i < count; i++)
            {
                var queue = _partitions[(start + i) % count];
                if (queue.Ready.Count == 0) continue;
                var batch = queue.Ready.First;
                if (batch.RetryAtMs > now || (_strictOrder && queue.InFlight > 0)) continue;
                var node = queue.Leader;
                if (node?.Ref is null)
                {
                    _metadata.RequestUpdate();
                    continue;
                }

                InFlightRequest? request = null;
                if (_acks != Acks.None && !_forming.TryGetValue(node, out request))
                {
                    if (node.Requests.Count >= _settings.MaxInFlightRequestsPerConnection) continue;
                    request = new InFlightRequest(node, now + _requestTimeoutMs);
                    node.Requests.Add(request);
                    _forming[node] = request;
                }
                else if (request is not null && request.Bytes + batch.SizeInBytes > _settings.MaxRequestSize)
                {
                    continue;
                }

                SendBatches(queue, node, request, now);
                progress = true;
            }
        }
        while (progress);
    }

    /// <summary>
    /// Sends the partition's first ready batch and those after it that still fit max.request.size, as one message
    /// that the leader stores atomically and answers once. Kafka's Java producer sends one batch per partition per
    /// request, so with its default 16 KiB batches and 5 requests a partition has at most 80 KiB on the way, whatever
    /// the backlog, and under acks=all each of those waits a replication round trip. Taking the backlog along lets the
    /// window grow with the load instead of the batch size, and sending it as one message spares the per-message work
    /// (remoting, the partition's turn, a journal round trip, an answer) per batch.
    /// </summary>
    private void SendBatches(PartitionQueue queue, NodeState node, InFlightRequest? request, long now)
    {
        var bytes = request?.Bytes ?? 0;
        var count = 0;
        do
        {
            bytes += queue.Ready[count].SizeInBytes;
            count++;
        }
        while (count < queue.Ready.Count && queue.Ready[count].RetryAtMs <= now && bytes + queue.Ready[count].SizeInBytes <= _settings.MaxRequestSize);

        var sent = new ProducerBatch[count];
        var built = new RecordBatch[count];
        for (var i = 0; i < count; i++)
        {
            sent[i] = queue.Ready.RemoveFirst();
            built[i] = sent[i].Built!;
        }

        var correlationId = ++_correlation;
        node.Ref!.Tell(new ProduceRequest(queue.Partition, _acks, (int)_requestTimeoutMs, built, correlationId), Self);
        var offsetInRequest = 0;
        foreach (var batch in sent)
        {
            batch.Attempts++;
            if (batch.Attempts > 1) _log.Debug("Re-sent {Batch} to node {Node}", batch, node.Id);
            if (request is null)
            {
                // acks=0: nobody answers, so the record counts as delivered once sent, without an offset.
                CompleteBatch(batch, -1, -1);
                continue;
            }

            batch.CorrelationId = correlationId;
            batch.OffsetInRequest = offsetInRequest;
            offsetInRequest += batch.Count;
            batch.Request = request;
            request.Batches.Add(batch);
            request.Unanswered++;
            request.Bytes += batch.SizeInBytes;
            batch.Queue.InFlight++;
        }

        if (request is not null) _inFlight[correlationId] = sent;
    }

    /// <summary>Takes a batch out of flight: its request slot frees once all its batches are out.</summary>
    private void TakeInFlight(ProducerBatch batch)
    {
        var request = batch.Request!;
        batch.Request = null;
        batch.Queue.InFlight--;
        if (--request.Unanswered == 0) request.Node.Requests.Remove(request);
        // The message's answer is awaited while any batch sent in it still waits for it.
        if (_inFlight.TryGetValue(batch.CorrelationId, out var sent) && !AnyAwaitsAnswer(sent, batch.CorrelationId))
            _inFlight.Remove(batch.CorrelationId);
    }

    private static bool AnyAwaitsAnswer(ProducerBatch[] sent, long correlationId)
    {
        foreach (var batch in sent)
        {
            if (AwaitsAnswer(batch, correlationId)) return true;
        }

        return false;
    }

    /// <summary>False once the batch timed out, expired or was sent again since the message <paramref name="correlationId"/>.</summary>
    private static bool AwaitsAnswer(ProducerBatch batch, long correlationId) => batch.Request is not null && batch.CorrelationId == correlationId;

    /// <summary>A failed send: sent again as the same batch after retry.backoff while the error is retriable and time and retries remain.</summary>
    private void RetryOrFail(ProducerBatch batch, ErrorCode error, string message, long now)
    {
        if (error.NeedsMetadataRefresh())
        {
            // Leadership moved: wait for fresh metadata rather than send the retry to the node that just refused it.
            batch.Queue.Leader = null;
            _metadata.RequestUpdate();
        }

        if (error.IsRetriable() && batch.Attempts <= _settings.Retries && now < batch.CreatedMs + _deliveryTimeoutMs)
        {
            _log.Debug("{Batch} failed with {Error} ({Message}); retrying in {Backoff} ms", batch, error, message, _retryBackoffMs);
            batch.RetryAtMs = now + _retryBackoffMs;
            batch.Queue.Requeue(batch);
            return;
        }

        var expired = error.IsRetriable() && now >= batch.CreatedMs + _deliveryTimeoutMs;
        FailBatch(batch, error,
            // Out of time rather than out of luck: say so, as Kafka's "Expiring N record(s)" does, with the last failure.
            expired ? ExpiredMessage(batch, now, $"its last attempt failed: {message}")
            : error.IsRetriable() && batch.Attempts > _settings.Retries ? $"{message} (gave up after {batch.Attempts} attempts; retries = {_settings.Retries})"
            : message);
    }

    private string ExpiredMessage(ProducerBatch batch, long now, string when) =>
        $"expiring {batch.Count} record(s) for {batch.Queue.Partition}: {now - batch.CreatedMs} ms passed since the batch was created, {when} (delivery.timeout {_deliveryTimeoutMs} ms)";
}
