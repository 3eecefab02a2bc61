using ActorBroker.Client.Connection;
using ActorBroker.Client.Settings;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using ActorBroker.Protocol.Records;
using Akka.Actor;
using Akka.Event;

namespace ActorBroker.Client.Consumer;

// The fetch loops: offset lookups, fetches, their answers and errors.
public sealed partial class ConsumerActor
{
    /// <summary>Sends what each partition needs next (an offset lookup or a fetch) and arms the timer for the next deadline.</summary>
    private void Pump()
    {
        var now = MonotonicClock.NowMs;
        var next = long.MaxValue;
        var room = _buffered < _settings.MaxBufferedBytes;
        foreach (var fetch in _partitions.Values)
        {
            if (fetch.Failed) continue;
            if (fetch.InFlight != 0)
            {
                if (now < fetch.InFlightDeadlineMs)
                {
                    next = Math.Min(next, fetch.InFlightDeadlineMs);
                    continue;
                }

                _log.Warning("No answer for {Partition} within request.timeout; looking for its leader again", fetch.Partition);
                fetch.InFlight = 0;
                fetch.AwaitingMetadata = true;
                _metadata.RequestUpdate();
                fetch.RetryAtMs = now + _retryBackoffMs;
            }

            if (fetch.AwaitingMetadata) continue;
            if (now < fetch.RetryAtMs)
            {
                next = Math.Min(next, fetch.RetryAtMs);
                continue;
            }

            if (fetch.Position < 0 && fetch.Lookup is null && !ApplyResetPolicy(fetch, "it has no position yet")) continue;
            if (fetch.Lookup is null && !room) continue; // paused: the subscriber is behind
            if (LeaderOf(fetch.Partition) is not { } leader)
            {
                _metadata.RequestUpdate();
                continue;
            }

            fetch.InFlight = ++_correlation;
            if (fetch.Lookup is { } timestamp)
            {
                fetch.InFlightDeadlineMs = now + _requestTimeoutMs;
                leader.Ref.Tell(new ListOffsetsRequest(fetch.Partition, timestamp, fetch.InFlight), Self);
            }
            else
            {
                fetch.InFlightDeadlineMs = now + _fetchMaxWaitMs + _requestTimeoutMs;
                leader.Ref.Tell(new FetchRequest(fetch.Partition, fetch.Position, _settings.MaxPartitionFetchBytes, _settings.FetchMinBytes,
                    (int)_fetchMaxWaitMs, leader.Epoch, null, fetch.InFlight), Self);
            }

            next = Math.Min(next, fetch.InFlightDeadlineMs);
        }

        _metadata.Poll(now);
        next = Math.Min(next, _metadata.NextDeadline(now));
        if (next != long.MaxValue && next < _armedDeadlineMs)
        {
            _armedDeadlineMs = next;
            Timers.StartSingleTimer(Tick.Instance, Tick.Instance, MonotonicClock.Until(next, now));
        }
    }

    private (IActorRef Ref, int Epoch)? LeaderOf(TopicPartition partition)
    {
        var info = _metadata.Current.Topic(partition.Topic);
        if (info is null || partition.Partition >= info.Partitions.Length || info.Partitions[partition.Partition].Leader is not { } leader) return null;
        return _metadata.NodeRef(leader) is { } node ? (node, info.Partitions[partition.Partition].LeaderEpoch) : null;
    }

    private void OnFetchResponse(FetchResponse response)
    {
        if (!_partitions.TryGetValue(response.Partition, out var fetch) || fetch.InFlight != response.CorrelationId) return;
        fetch.InFlight = 0;
        if (response.Error == ErrorCode.None) Deliver(fetch, response);
        else if (response.Error == ErrorCode.OffsetOutOfRange)
            ApplyResetPolicy(fetch, $"offset {fetch.Position} is out of range ({response.ErrorMessage ?? "no detail"})");
        else OnError(fetch, response.Error, response.ErrorMessage);
        SchedulePump();
    }

    private void OnListOffsetsResponse(ListOffsetsResponse response)
    {
        if (!_partitions.TryGetValue(response.Partition, out var fetch) || fetch.InFlight != response.CorrelationId) return;
        fetch.InFlight = 0;
        if (response.Error != ErrorCode.None) OnError(fetch, response.Error, response.ErrorMessage);
        else if (response.Offset < 0)
            fetch.Lookup = ListOffsetsRequest.Latest; // no record that recent: continue from the end, as Kafka's seek-to-timestamp users do
        else
        {
            fetch.Position = response.Offset;
            fetch.Lookup = null;
        }

        SchedulePump();
    }

    /// <summary>Hands the records at or above the position to the subscriber as one message; the position moves past them.</summary>
    private void Deliver(PartitionFetch fetch, FetchResponse response)
    {
        var batches = response.Batches;
        var skip = 0;
        while (skip < batches.Count && batches[skip].NextOffset <= fetch.Position) skip++;
        if (skip == batches.Count) return; // nothing new: the long poll expired
        IReadOnlyList<RecordBatch> useful = skip == 0 ? batches : [.. batches.Skip(skip)];
        var delivery = new ConsumedRecords(fetch.Partition, useful, fetch.Position, useful[^1].NextOffset, response.HighWatermark, fetch.Epoch);
        var size = delivery.SizeInBytes;
        _buffered += size;
        _unprocessed.Enqueue(size);
        fetch.Position = delivery.NextOffset;
        _subscriber.Tell(delivery, Self);
    }

    /// <summary>auto.offset.reset: look up the earliest or latest offset, or fail the partition; false when it failed.</summary>
    private bool ApplyResetPolicy(PartitionFetch fetch, string why)
    {
        switch (_settings.AutoOffsetReset)
        {
            case AutoOffsetReset.Earliest:
                fetch.Lookup = ListOffsetsRequest.Earliest;
                return true;
            case AutoOffsetReset.Latest:
                fetch.Lookup = ListOffsetsRequest.Latest;
                return true;
            default:
                Fail(fetch, ErrorCode.OffsetOutOfRange, $"{fetch.Partition}: {why} and auto.offset.reset is none; seek to a valid position");
                return false;
        }
    }

    private void OnError(PartitionFetch fetch, ErrorCode error, string? message)
    {
        if (error.NeedsMetadataRefresh())
        {
            fetch.AwaitingMetadata = true;
            _metadata.RequestUpdate();
        }

        if (error.IsRetriable())
        {
            _log.Debug("{Partition}: {Error} ({Message}); retrying at offset {Position}", fetch.Partition, error, message, fetch.Position);
            fetch.RetryAtMs = MonotonicClock.NowMs + _retryBackoffMs;
            return;
        }

        Fail(fetch, error, $"{fetch.Partition}: {message ?? error.ToString()}");
    }

    private void Fail(PartitionFetch fetch, ErrorCode error, string message)
    {
        _log.Warning("Consuming stopped for {Partition}: {Error}: {Message}", fetch.Partition, error, message);
        fetch.Failed = true;
        _subscriber.Tell(new ConsumeFailed(fetch.Partition, error, message, fetch.Epoch), Self);
    }
}
