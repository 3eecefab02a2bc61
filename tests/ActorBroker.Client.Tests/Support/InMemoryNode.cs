using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using Akka.Actor;

namespace ActorBroker.Client.Tests.Support;

/// <summary>
/// A broker node's front actor as the client sees it, storing in <see cref="PartitionLogs"/>: serves produce, fetch
/// (long poll: a fetch with nothing to return waits for an append or MaxWaitMs) and list-offsets for the partitions
/// the <see cref="ClusterModel"/> says it leads, and answers NotLeaderOrFollower or UnknownTopicOrPartition otherwise.
/// A test double, not the broker: every append is immediately committed.
/// </summary>
public sealed class InMemoryNode : ReceiveActor, IWithTimers
{
    private readonly string _id;
    private readonly ClusterModel _model;
    private readonly PartitionLogs _logs;
    private readonly List<Parked> _parked = [];

    public InMemoryNode(string id, ClusterModel model, PartitionLogs logs)
    {
        _id = id;
        _model = model;
        _logs = logs;
        Receive<ProduceRequest>(OnProduce);
        Receive<FetchRequest>(OnFetch);
        Receive<ListOffsetsRequest>(OnListOffsets);
        Receive<DataAppended>(_ => ServeParked(expiredOnly: false));
        Receive<ParkTimeout>(_ => ServeParked(expiredOnly: true));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(string id, ClusterModel model, PartitionLogs logs) => Akka.Actor.Props.Create(() => new InMemoryNode(id, model, logs));

    protected override void PreStart() => Timers.StartPeriodicTimer("park", ParkTimeout.Instance, TimeSpan.FromMilliseconds(10));

    private ErrorCode Check(TopicPartition partition) =>
        !_model.Exists(partition) ? ErrorCode.UnknownTopicOrPartition
        : _model.LeaderOf(partition) != _id ? ErrorCode.NotLeaderOrFollower
        : ErrorCode.None;

    private void OnProduce(ProduceRequest request)
    {
        var error = Check(request.Partition);
        string? message = error == ErrorCode.None ? null : $"node {_id}: {error}";
        long baseOffset = -1;
        if (error == ErrorCode.None)
        {
            foreach (var batch in request.Batches)
            {
                if (error == ErrorCode.None) (error, message) = batch.Validate(1024 * 1024 + 12);
            }

            if (error == ErrorCode.None)
            {
                // One request's batches are stored together, at consecutive offsets, as a node does.
                baseOffset = _logs.Append(request.Partition, request.Batches[0]);
                for (var i = 1; i < request.Batches.Count; i++) _logs.Append(request.Partition, request.Batches[i]);
            }
        }

        if (request.Acks == Acks.None) return;
        Sender.Tell(error == ErrorCode.None
            ? new ProduceResponse(request.Partition, ErrorCode.None, baseOffset, -1, _logs.Bounds(request.Partition).LogStart, null, request.CorrelationId)
            : ProduceResponse.Failed(request.Partition, error, message!, request.CorrelationId), Self);
    }

    private void OnFetch(FetchRequest request)
    {
        if (!TryAnswer(request, Sender, expired: request.MaxWaitMs <= 0 || request.MinBytes <= 0))
            _parked.Add(new Parked(request, Sender, Environment.TickCount64 + request.MaxWaitMs));
    }

    private bool TryAnswer(FetchRequest request, IActorRef replyTo, bool expired)
    {
        var error = Check(request.Partition);
        if (error != ErrorCode.None)
        {
            replyTo.Tell(FetchResponse.Failed(request.Partition, error, $"node {_id}: {error}", request.CorrelationId), Self);
            return true;
        }

        var (logStart, end) = _logs.Bounds(request.Partition);
        if (request.FetchOffset < logStart || request.FetchOffset > end)
        {
            replyTo.Tell(FetchResponse.Failed(request.Partition, ErrorCode.OffsetOutOfRange,
                $"offset {request.FetchOffset} is outside [{logStart}, {end}]", request.CorrelationId), Self);
            return true;
        }

        var batches = _logs.Read(request.Partition, request.FetchOffset, request.MaxBytes);
        if (batches.Count == 0 && !expired) return false;
        replyTo.Tell(new FetchResponse(request.Partition, ErrorCode.None, end, logStart, batches, null, request.CorrelationId), Self);
        return true;
    }

    private void ServeParked(bool expiredOnly)
    {
        var now = Environment.TickCount64;
        _parked.RemoveAll(p => (!expiredOnly || now >= p.DeadlineMs) && TryAnswer(p.Request, p.ReplyTo, now >= p.DeadlineMs));
    }

    private void OnListOffsets(ListOffsetsRequest request)
    {
        var error = Check(request.Partition);
        if (error != ErrorCode.None)
        {
            Sender.Tell(new ListOffsetsResponse(request.Partition, error, -1, -1, $"node {_id}: {error}", request.CorrelationId), Self);
            return;
        }

        var (offset, timestamp) = _logs.LookUp(request.Partition, request.Timestamp);
        Sender.Tell(new ListOffsetsResponse(request.Partition, ErrorCode.None, timestamp, offset, null, request.CorrelationId), Self);
    }

    private sealed record Parked(FetchRequest Request, IActorRef ReplyTo, long DeadlineMs);

    private sealed record ParkTimeout
    {
        public static readonly ParkTimeout Instance = new();
    }
}
