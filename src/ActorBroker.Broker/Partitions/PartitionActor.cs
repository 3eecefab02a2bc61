using System.Diagnostics;
using ActorBroker.Actors;
using ActorBroker.Persistence;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using ActorBroker.Protocol.Records;
using Microsoft.Extensions.Logging;

namespace ActorBroker.Broker.Partitions;

/// <summary>
/// The log of one topic partition, a sharded entity (entity id <c>topic-partition</c>). Event-sourced: every appended
/// record batch is one journal event, stored as the bytes the producer sent with the offsets stamped in. Serves
/// produce, fetch (with long poll) and list-offsets requests, deletes old batches by retention, and deletes its whole
/// log when the topic goes. The offsets and index live in <see cref="PartitionLog"/>; this actor adds the journal.
/// </summary>
public sealed partial class PartitionActor : ReceivePersistentActor, IWithTimers
{
    private readonly TopicPartition _partition;
    private readonly Guid _topicId;
    private readonly TopicConfig _config;
    private readonly PartitionSettings _settings;
    private readonly PartitionLog _log;
    private readonly ILogger _logger;
    private readonly long _startedAt = Stopwatch.GetTimestamp();

    public PartitionActor(TopicPartition partition, Guid topicId, TopicConfig config, PartitionSettings settings)
    {
        PartitionEventSerializer.Register(Context.System);
        _partition = partition;
        _topicId = topicId;
        _config = config;
        _settings = settings;
        _log = new PartitionLog(settings.CacheBytes);
        _logger = Context.GetLogger();
        _onBatchPersisted = OnBatchPersisted;
        PersistenceId = PersistenceIdOf(topicId, partition);

        Recover<RecordBatch>(batch => _log.Append(batch, LastSequenceNr));
        Recover<LogStartOffsetAdvanced>(RecoverLogStart);
        Recover<LogTruncated>(RecoverTruncation);
        Recover<RecoveryCompleted>(_ => OnRecovered());
        Active();
    }

    /// <summary>The partition's journal stream; the topic id in it keeps a re-created topic away from the old log.</summary>
    public override string PersistenceId { get; }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The log of <paramref name="partition"/> of the topic with id <paramref name="topicId"/>.</summary>
    public static Props Props(TopicPartition partition, Guid topicId, TopicConfig config, PartitionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(settings);
        return ActorBroker.Actors.Props.Create(() => new PartitionActor(partition, topicId, config, settings));
    }

    public static string PersistenceIdOf(Guid topicId, TopicPartition partition) => $"partition-{topicId:N}-{partition}";

    /// <summary>The leader epoch stamped on appended batches; the controller will set it once partitions replicate.</summary>
    private int LeaderEpoch => 0;

    /// <summary>Replicas in sync with this leader, itself included; only the leader until followers replicate.</summary>
    private static int InSyncReplicaCount => 1;

    private void Active()
    {
        Command<ProduceRequest>(OnProduce);
        Command<FetchRequest>(OnFetch);
        Command<ListOffsetsRequest>(OnListOffsets);
        CommandReads();
        CommandRetention();
        Command<DeletePartition>(OnDeletePartition);
        Command<StopPartition>(_ => OnStop());
    }

    private void OnRecovered()
    {
        _log.AdvanceHighWatermark(_log.LogEndOffset); // one replica: everything stored is committed
        _nextOffset = _log.LogEndOffset;
        _logger.LogInformation(
            "Partition {Partition} recovered {Batches} batches ({Bytes} bytes), offsets {LogStartOffset}..{LogEndOffset}, journal sequence number {SequenceNr}, in {Ms} ms",
            _partition, _log.BatchCount, _log.SizeInBytes, _log.LogStartOffset, _log.LogEndOffset, LastSequenceNr,
            (long)Stopwatch.GetElapsedTime(_startedAt).TotalMilliseconds);
        Timers.StartPeriodicTimer(RetentionTick.Instance, RetentionTick.Instance, _settings.RetentionCheckInterval);
        FinishInterruptedRetention();
    }

    private void OnStop()
    {
        _logger.LogInformation("Partition {Partition} stopping at offsets {LogStartOffset}..{LogEndOffset}", _partition, _log.LogStartOffset, _log.LogEndOffset);
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
        base.PostStop();
    }

    private sealed class RetentionTick
    {
        public static readonly RetentionTick Instance = new();
    }
}
