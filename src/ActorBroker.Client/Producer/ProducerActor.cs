using ActorBroker.Client.Connection;
using ActorBroker.Client.Metadata;
using ActorBroker.Client.Settings;
using ActorBroker.Protocol.Messages;
using ActorBroker.Protocol.Records;
using Akka.Actor;
using Akka.Event;

namespace ActorBroker.Client.Producer;

/// <summary>
/// The producer, as an actor (Kafka's KafkaProducer, accumulator and sender in one). It takes <see cref="Produce"/>
/// messages and answers each with a <see cref="DeliveryReport"/> or a <see cref="DeliveryFailed"/>. Records are
/// partitioned as Kafka's default partitioner does, accumulated per partition into record batches (batch.size,
/// linger), and sent straight to the partition leader's node, a partition's waiting batches together in one
/// ProduceRequest, at most max.in.flight.requests.per.connection requests per node. Retriable errors are retried with the same batch
/// after retry.backoff (refreshing metadata first when leadership moved), bounded by retries and delivery.timeout;
/// every record gets an outcome. Memory is bounded by buffer.memory: when it is full, Produce messages wait (up to
/// max-blocked-produces of them) until memory frees or max.block passes. <see cref="Flush"/> completes everything
/// accepted before it. Metadata and admin traffic goes through the broker entry (the cluster client).
/// </summary>
public sealed partial class ProducerActor : ReceiveActor, IWithTimers
{
    private readonly ProducerSettings _settings;
    private readonly ILoggingAdapter _log;
    private readonly MetadataTracker _metadata;
    private readonly BufferMemory _memory;
    private readonly ProduceStage? _stage;
    private readonly BuilderPool _builders;
    private readonly Random _random = new();
    private readonly Dictionary<string, TopicState> _topics = new(StringComparer.Ordinal);
    private readonly List<PartitionQueue> _partitions = [];
    private readonly Dictionary<string, NodeState> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<long, ProducerBatch[]> _inFlight = []; // by correlation id: the batches sent in that message
    private readonly Queue<PendingRecord> _blocked = new();
    private readonly List<FlushWaiter> _flushWaiters = [];
    private readonly Dictionary<NodeState, InFlightRequest> _forming = [];
    private readonly Acks _acks;
    private readonly bool _strictOrder;
    private readonly long _lingerMs;
    private readonly long _deliveryTimeoutMs;
    private readonly long _requestTimeoutMs;
    private readonly long _retryBackoffMs;
    private readonly long _maxBlockMs;
    private TopicState? _lastTopic;
    private long _nextRecordSequence;
    private long _nextBatchSequence;
    private long _correlation;
    private long _incomplete;
    private long _armedDeadlineMs = long.MaxValue;
    private int _drainStart;
    private bool _pumpScheduled;
    private bool _inPump;
    private bool _pumpAgain;
    private bool _stopping;

    private ProducerActor(ProducerSettings settings, IActorRef entry, ProducerLink? link)
    {
        _settings = settings;
        _log = Context.GetLogger();
        _acks = settings.Acks;
        _strictOrder = settings.MaxInFlightRequestsPerConnection == 1;
        _lingerMs = (long)settings.Linger.TotalMilliseconds;
        _deliveryTimeoutMs = (long)settings.DeliveryTimeout.TotalMilliseconds;
        _requestTimeoutMs = (long)settings.RequestTimeout.TotalMilliseconds;
        _retryBackoffMs = (long)settings.RetryBackoff.TotalMilliseconds;
        _maxBlockMs = (long)settings.MaxBlock.TotalMilliseconds;
        _memory = link?.Memory ?? new BufferMemory(settings.BufferMemory);
        _stage = link?.Stage;
        // A batch never outgrows a request; batch.size 0 still needs a builder, which then takes one record per batch.
        _builders = new BuilderPool(Math.Max(RecordBatch.HeaderSize + 8, Math.Min(settings.BatchSize, settings.MaxRequestSize)));
        _metadata = new MetadataTracker(Context.System, entry, Self, _log,
            (long)settings.Client.MetadataMaxAge.TotalMilliseconds, _retryBackoffMs, _requestTimeoutMs);

        Receive<Produce>(OnProduce);
        Receive<DrainStage>(_ => DrainStaged());
        Receive<ProduceResponse>(OnProduceResponse);
        Receive<MetadataResponse>(OnMetadata);
        Receive<Flush>(_ => OnFlush(ReplyTarget(Sender)));
        Receive<FlushWithCompletion>(f => OnFlush(f.Completion));
        Receive<CloseProducer>(close =>
        {
            _stopping = true;
            FailEverything();
            close.Done.TrySetResult();
            Context.Stop(Self);
        });
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

    /// <summary>A producer that reaches the cluster through <paramref name="connection"/>.</summary>
    public static Props Props(ProducerSettings settings, ClientConnection connection)
    {
        connection.RequireFrameRoom(settings.MaxRequestSize, $"{ProducerSettings.Section}.max-request-size", "max.request.size");
        return Props(settings, connection.Entry, null);
    }

    /// <summary>The seam for tests and the facade: metadata requests go to <paramref name="entry"/>; the facade also hands over its stage and memory.</summary>
    internal static Props Props(ProducerSettings settings, IActorRef entry, ProducerLink? link)
    {
        settings.Validate(); // a bad setting fails the caller here, not the actor later
        return ActorFactory<ProducerActor>.Props(() => new ProducerActor(settings, entry, link));
    }

    protected override void PostStop()
    {
        _stopping = true;
        FailEverything();
        _builders.Dispose();
    }

    private object? ReplyTarget(IActorRef sender) =>
        ReferenceEquals(sender, Context.System.DeadLetters) || ReferenceEquals(sender, ActorRefs.Nobody) ? null : sender;

    private void SchedulePump()
    {
        if (_stopping) return;
        if (_inPump)
        {
            _pumpAgain = true;
            return;
        }

        if (_pumpScheduled) return;
        _pumpScheduled = true;
        Self.Tell(PumpNow.Instance, Self);
    }

    /// <summary>Runs the sender loop as soon as the messages queued before it are handled, so those join the batches it sends.</summary>
    private sealed record PumpNow
    {
        public static readonly PumpNow Instance = new();
    }

    private sealed record Tick
    {
        public static readonly Tick Instance = new();
    }
}

/// <summary>Tells the producer that the facade staged records.</summary>
internal sealed record DrainStage
{
    public static readonly DrainStage Instance = new();
}

/// <summary>The facade's flush: completes <paramref name="Completion"/> instead of answering a sender.</summary>
internal sealed record FlushWithCompletion(TaskCompletionSource Completion);

/// <summary>The facade closes: every record still held fails, then the actor stops.</summary>
internal sealed record CloseProducer(TaskCompletionSource Done);

/// <summary>What the facade shares with its producer actor: the stage it fills and the buffer memory it reserves from.</summary>
internal sealed record ProducerLink(ProduceStage Stage, BufferMemory Memory);

/// <summary>A flush that waits for <see cref="Remaining"/> records that arrived before sequence <see cref="UpTo"/>.</summary>
internal sealed class FlushWaiter(long upTo, long remaining, object? replyTo)
{
    public long UpTo { get; } = upTo;

    public long Remaining { get; set; } = remaining;

    public object? ReplyTo { get; } = replyTo;
}
