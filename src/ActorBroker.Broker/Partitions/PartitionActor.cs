using System.Diagnostics;
using Akka.Actor;
using Akka.Persistence;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using ActorBroker.Protocol.Records;
using Akka.Event;

namespace ActorBroker.Broker.Partitions;

/// <summary>
/// One node's replica of a topic partition's log, held in that node's journal. Event-sourced: every appended record
/// batch is one journal event, stored as the bytes the producer sent with the offsets stamped in. As the leader it
/// serves produce, fetch (with long poll) and list-offsets requests and tracks its followers' fetches for the ISR and
/// the high watermark; as a follower it fetches from the leader and appends what it gets (see the Leader and
/// Follower partial files). Either way it deletes old batches by retention and its whole log when the topic goes.
/// The offsets and index live in <see cref="PartitionLog"/>; this actor adds the journal and the replication.
/// </summary>
public sealed partial class PartitionActor : ReceivePersistentActor, IWithTimers
{
    private readonly TopicPartition _partition;
    private readonly Guid _topicId;
    private readonly TopicConfig _config;
    private readonly PartitionSettings _settings;
    private readonly PartitionLog _log;
    private readonly ILoggingAdapter _logger;
    private readonly long _startedAt = Stopwatch.GetTimestamp();
    private readonly long _monotonicOrigin;

    public PartitionActor(TopicPartition partition, Guid topicId, TopicConfig config, PartitionSettings settings, ReplicaContext? replica = null)
    {
        _partition = partition;
        _topicId = topicId;
        _config = config;
        _settings = settings;
        _monotonicOrigin = settings.Clock.GetTimestamp();
        _log = new PartitionLog(settings.CacheBytes);
        _logger = Context.GetLogger();
        _onBatchPersisted = OnBatchPersisted;
        _onFetchedBatchPersisted = OnFetchedBatchPersisted;
        _replica = replica;
        _selfId = replica?.NodeId ?? StandaloneId;
        _role = replica is null ? ReplicaRole.Leader : ReplicaRole.Offline;
        _isr = [_selfId];
        _replicas = [_selfId];
        PersistenceId = PersistenceIdOf(topicId, partition, replica?.NodeId);

        Recover<RecordBatch>(batch => _log.Append(batch, LastSequenceNr));
        Recover<LogStartOffsetAdvanced>(RecoverLogStart);
        Recover<LogTruncated>(RecoverTruncation);
        Recover<HighWatermarkCheckpointed>(RecoverHighWatermark);
        Recover<RecoveryCompleted>(_ => OnRecovered());
        Active();
    }

    public override string PersistenceId { get; }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>
    /// The log of <paramref name="partition"/> of the topic with id <paramref name="topicId"/>: the replica on the node
    /// of <paramref name="replica"/>, or a lone leader without it.
    /// </summary>
    public static Props Props(TopicPartition partition, Guid topicId, TopicConfig config, PartitionSettings settings, ReplicaContext? replica = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(settings);
        return Akka.Actor.Props.Create(() => new PartitionActor(partition, topicId, config, settings, replica));
    }

    /// <summary>
    /// The replica's journal stream. The topic id keeps a re-created topic away from the old log; the node id keeps the
    /// replicas of one partition apart when nodes share a journal (as they do on one PostgreSQL database).
    /// </summary>
    public static string PersistenceIdOf(Guid topicId, TopicPartition partition, string? nodeId = null) =>
        nodeId is null ? $"partition-{topicId:N}-{partition}" : $"partition-{topicId:N}-{partition}@{nodeId}";

    private void Active()
    {
        Command<ProduceRequest>(OnProduce);
        Command<FetchRequest>(OnFetch);
        Command<ListOffsetsRequest>(OnListOffsets);
        CommandReads();
        CommandRetention();
        Command<DeletePartition>(OnDeletePartition);
        Command<StopPartition>(_ => OnStop());
        CommandReplication();
    }

    private void OnRecovered()
    {
        // Alone, everything stored is committed. A replica learns the high watermark from its leader or its followers.
        if (_replica is null) _log.AdvanceHighWatermark(_log.LogEndOffset);
        _nextOffset = _log.LogEndOffset;
        _logger.Info(
            "Partition {Partition} recovered {Batches} batches ({Bytes} bytes), offsets {LogStartOffset}..{LogEndOffset}, journal sequence number {SequenceNr}, in {Ms} ms", new object?[] {
            _partition, _log.BatchCount, _log.SizeInBytes, _log.LogStartOffset, _log.LogEndOffset, LastSequenceNr,
            (long)Stopwatch.GetElapsedTime(_startedAt).TotalMilliseconds });
        Timers.StartPeriodicTimer(RetentionTick.Instance, RetentionTick.Instance, _settings.RetentionCheckInterval);
        FinishInterruptedRetention();
        if (_replica is not null)
        {
            Timers.StartPeriodicTimer(IsrTick.Instance, IsrTick.Instance, _settings.ReplicaLagTimeMax / 2);
            Timers.StartPeriodicTimer(HighWatermarkTick.Instance, HighWatermarkTick.Instance, _settings.HighWatermarkCheckpointInterval);
        }
    }

    private void OnStop()
    {
        _logger.Info("Partition {Partition} stopping at offsets {LogStartOffset}..{LogEndOffset}", _partition, _log.LogStartOffset, _log.LogEndOffset);
        Close(ErrorCode.NotLeaderOrFollower, $"partition {_partition} moved or stopped; refresh metadata");
        DeferAsync(StopPartition.Instance, _ => Context.Stop(Self));
    }

    /// <summary>
    /// From now on the partition takes no new work: waiting fetches and every later request get <paramref name="error"/>.
    /// Appends already accepted still finish and are answered.
    /// </summary>
    private void Close(ErrorCode error, string message)
    {
        Timers.CancelAll();
        FailFetches(error, message);
        FailCommitWaits(error, message);
        _role = ReplicaRole.Closed;
        Become(() =>
        {
            Command<ProduceRequest>(r => Refuse(Sender, r, ProduceResponse.Failed(_partition, error, message, r.CorrelationId)));
            Command<FetchRequest>(r => Sender.Tell(FetchResponse.Failed(_partition, error, message, r.CorrelationId), Self));
            Command<ListOffsetsRequest>(r => Sender.Tell(ListOffsetsFailed(r, error, message), Self));
            CommandReads();
            CommandDeletion();
            CommandAny(_ => { }); // timers, retention: nothing more to do
        });
    }

    protected override void PostStop()
    {
        // Whoever still waits hears that this partition is gone, rather than timing out.
        var message = $"partition {_partition} stopped";
        FailAppends(ErrorCode.NotLeaderOrFollower, message);
        FailFetches(ErrorCode.NotLeaderOrFollower, message);
        FailCommitWaits(ErrorCode.NotLeaderOrFollower, message);
        base.PostStop();
    }

    private sealed class RetentionTick
    {
        public static readonly RetentionTick Instance = new();
    }
}
