using ActorBroker.Client.Connection;
using ActorBroker.Client.Metadata;
using ActorBroker.Client.Settings;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using Akka.Actor;
using Akka.Event;

namespace ActorBroker.Client.Consumer;

/// <summary>
/// The consumer, as an actor: reads the assigned partitions from their leaders and delivers their records, in offset
/// order per partition, to one subscriber as <see cref="ConsumedRecords"/>. Each partition runs its own fetch loop
/// (a long poll with fetch.min.bytes, fetch.max.wait and max.partition.fetch.bytes), and the next fetch goes out as
/// soon as a response is delivered. Delivered records count as buffered until the subscriber answers
/// <see cref="RecordsProcessed"/>; above max.buffered.bytes fetching pauses (back-pressure), so memory stays bounded
/// however slow the subscriber is. Positions come from seeks (by offset, beginning, end or timestamp via ListOffsets)
/// or from auto.offset.reset. A leader change (NotLeaderOrFollower and friends) refreshes metadata and resumes at the
/// same position; OffsetOutOfRange is handled by auto.offset.reset. The consumer stops with its subscriber.
/// </summary>
public sealed partial class ConsumerActor : ReceiveActor, IWithTimers
{
    private readonly ConsumerSettings _settings;
    private readonly IActorRef _subscriber;
    private readonly ILoggingAdapter _log;
    private readonly MetadataTracker _metadata;
    private readonly Dictionary<TopicPartition, PartitionFetch> _partitions = [];
    private readonly Dictionary<TopicPartition, int> _epochs = [];
    private readonly Queue<long> _unprocessed = new();
    private readonly long _requestTimeoutMs;
    private readonly long _fetchMaxWaitMs;
    private readonly long _retryBackoffMs;
    private long _buffered;
    private long _correlation;
    private long _armedDeadlineMs = long.MaxValue;
    private bool _pumpScheduled;

    private ConsumerActor(ConsumerSettings settings, IActorRef entry, IActorRef subscriber)
    {
        _settings = settings;
        _subscriber = subscriber;
        _log = Context.GetLogger();
        _requestTimeoutMs = (long)settings.RequestTimeout.TotalMilliseconds;
        _fetchMaxWaitMs = (long)settings.FetchMaxWait.TotalMilliseconds;
        _retryBackoffMs = (long)settings.RetryBackoff.TotalMilliseconds;
        _metadata = new MetadataTracker(Context.System, entry, Self, _log,
            (long)settings.Client.MetadataMaxAge.TotalMilliseconds, _retryBackoffMs, _requestTimeoutMs);
        Context.Watch(subscriber);

        Receive<FetchResponse>(OnFetchResponse);
        Receive<ListOffsetsResponse>(OnListOffsetsResponse);
        Receive<MetadataResponse>(r =>
        {
            if (_metadata.OnResponse(r, MonotonicClock.NowMs))
                foreach (var fetch in _partitions.Values) fetch.AwaitingMetadata = false;
            SchedulePump();
        });
        Receive<RecordsProcessed>(_ => OnProcessed());
        Receive<Assign>(OnAssign);
        Receive<Seek>(s => Reposition(s.Partition, s.Offset, null));
        Receive<SeekToBeginning>(s => Reposition(s.Partition, -1, ListOffsetsRequest.Earliest));
        Receive<SeekToEnd>(s => Reposition(s.Partition, -1, ListOffsetsRequest.Latest));
        Receive<SeekToTimestamp>(s => Reposition(s.Partition, -1, s.Timestamp));
        Receive<Terminated>(t => t.ActorRef.Equals(subscriber), _ => Context.Stop(Self));
        Receive<PumpNow>(_ =>
        {
            _pumpScheduled = false;
            Pump();
        });
        Receive<Tick>(_ =>
        {
            _armedDeadlineMs = long.MaxValue;
            Pump();
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>A consumer that reaches the cluster through <paramref name="connection"/> and delivers to <paramref name="subscriber"/>.</summary>
    public static Props Props(ConsumerSettings settings, ClientConnection connection, IActorRef subscriber)
    {
        connection.RequireFrameRoom(settings.MaxPartitionFetchBytes, $"{ConsumerSettings.Section}.max-partition-fetch-bytes", "max.partition.fetch.bytes");
        return Props(settings, connection.Entry, subscriber);
    }

    /// <summary>The seam for tests: metadata requests go to <paramref name="entry"/>.</summary>
    internal static Props Props(ConsumerSettings settings, IActorRef entry, IActorRef subscriber)
    {
        settings.Validate(); // a bad setting fails the caller here, not the actor later
        return ActorFactory<ConsumerActor>.Props(() => new ConsumerActor(settings, entry, subscriber));
    }

    private void OnAssign(Assign assign)
    {
        var wanted = assign.Partitions.ToHashSet();
        var oldTopics = _partitions.Keys.Select(p => p.Topic).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in _partitions.Keys.Where(p => !wanted.Contains(p)).ToList()) _partitions.Remove(gone);
        foreach (var partition in wanted)
        {
            if (_partitions.ContainsKey(partition)) continue;
            var epoch = _epochs[partition] = _epochs.GetValueOrDefault(partition) + 1;
            _partitions[partition] = new PartitionFetch(partition, epoch);
        }

        var topics = _partitions.Keys.Select(p => p.Topic).ToHashSet(StringComparer.Ordinal);
        foreach (var topic in topics) _metadata.Add(topic);
        foreach (var topic in oldTopics.Where(t => !topics.Contains(t))) _metadata.Remove(topic);
        SchedulePump();
    }

    private void Reposition(TopicPartition partition, long position, long? lookup)
    {
        if (!_partitions.TryGetValue(partition, out var fetch))
        {
            _log.Warning("Ignoring a seek of {Partition}: it is not assigned to this consumer", partition);
            return;
        }

        fetch.Restart(position, lookup);
        _epochs[partition] = fetch.Epoch;
        SchedulePump();
    }

    private void OnProcessed()
    {
        if (!_unprocessed.TryDequeue(out var bytes)) return;
        var wasFull = _buffered >= _settings.MaxBufferedBytes;
        _buffered -= bytes;
        if (wasFull && _buffered < _settings.MaxBufferedBytes) SchedulePump();
    }

    private void SchedulePump()
    {
        if (_pumpScheduled) return;
        _pumpScheduled = true;
        Self.Tell(PumpNow.Instance, Self);
    }

    private sealed record PumpNow
    {
        public static readonly PumpNow Instance = new();
    }

    private sealed record Tick
    {
        public static readonly Tick Instance = new();
    }
}
