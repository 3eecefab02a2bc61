using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using Akka.Actor;

namespace ActorBroker.Client.Tests.Support;

/// <summary>
/// Plays "any node's /user/broker" for metadata and admin requests: answers from the <see cref="ClusterModel"/>, and
/// applies topic creation, deletion and growth to it (new partitions are led round robin by the model's nodes).
/// <see cref="FailAdmin"/> makes the next admin requests fail with a given error.
/// </summary>
public sealed class FakeClusterEntry : ReceiveActor
{
    private readonly Queue<ErrorCode> _adminFailures = new();

    public FakeClusterEntry(ClusterModel model, PartitionLogs? logs)
    {
        Receive<MetadataRequest>(r => Sender.Tell(model.Describe(r.Topics, r.CorrelationId), Self));
        Receive<FailAdmin>(f =>
        {
            for (var i = 0; i < f.Times; i++) _adminFailures.Enqueue(f.Error);
        });
        Receive<CreateTopicRequest>(r =>
        {
            if (Failing(r.Name, r.CorrelationId)) return;
            if (TopicNames.Validate(r.Name) is { } invalid) Reply(r.Name, ErrorCode.InvalidTopic, invalid, r.CorrelationId);
            else if (model.HasTopic(r.Name)) Reply(r.Name, ErrorCode.TopicAlreadyExists, $"topic '{r.Name}' already exists", r.CorrelationId);
            else if (r.Partitions < 1) Reply(r.Name, ErrorCode.InvalidPartitions, "at least one partition", r.CorrelationId);
            else
            {
                var nodes = model.NodeIds;
                model.AddTopic(r.Name, [.. Enumerable.Range(0, r.Partitions).Select(p => nodes.Count == 0 ? null : nodes[p % nodes.Count])]);
                Reply(r.Name, ErrorCode.None, null, r.CorrelationId);
            }
        });
        Receive<DeleteTopicRequest>(r =>
        {
            if (Failing(r.Name, r.CorrelationId)) return;
            if (!model.HasTopic(r.Name))
            {
                Reply(r.Name, ErrorCode.UnknownTopicOrPartition, $"no topic '{r.Name}'", r.CorrelationId);
                return;
            }

            model.DeleteTopic(r.Name);
            logs?.DeleteTopic(r.Name);
            Reply(r.Name, ErrorCode.None, null, r.CorrelationId);
        });
        Receive<CreatePartitionsRequest>(r =>
        {
            if (Failing(r.Name, r.CorrelationId)) return;
            var nodes = model.NodeIds;
            model.AddPartitions(r.Name, r.TotalCount, nodes.Count == 0 ? null : nodes[0]);
            Reply(r.Name, ErrorCode.None, null, r.CorrelationId);
        });
    }

    public static Props Props(ClusterModel model, PartitionLogs? logs = null) => Akka.Actor.Props.Create(() => new FakeClusterEntry(model, logs));

    private bool Failing(string name, long correlationId)
    {
        if (!_adminFailures.TryDequeue(out var error)) return false;
        Reply(name, error, $"scripted {error}", correlationId);
        return true;
    }

    private void Reply(string name, ErrorCode error, string? message, long correlationId) =>
        Sender.Tell(new TopicAdminResponse(name, error, message, correlationId), Self);
}

/// <summary>Makes the next <paramref name="Times"/> admin requests fail with <paramref name="Error"/>.</summary>
public sealed record FailAdmin(ErrorCode Error, int Times = 1);
