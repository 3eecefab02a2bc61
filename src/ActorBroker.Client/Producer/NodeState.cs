using Akka.Actor;

namespace ActorBroker.Client.Producer;

/// <summary>A broker node as the producer uses it: where to send, and its requests that await an answer.</summary>
internal sealed class NodeState(string id)
{
    public string Id { get; } = id;

    /// <summary>The node's front actor; null while its path is unknown.</summary>
    public IActorRef? Ref { get; set; }

    /// <summary>Unanswered requests, oldest first; max.in.flight.requests.per.connection bounds them.</summary>
    public List<InFlightRequest> Requests { get; } = [];
}

/// <summary>
/// A request to one node: up to max.request.size of batches, those of one partition in one message in their order
/// (see ProducerActor.SendBatches), one message per partition. It counts as one in-flight request until every batch in
/// it is answered, timed out or expired.
/// </summary>
internal sealed class InFlightRequest(NodeState node, long deadlineMs)
{
    public NodeState Node { get; } = node;

    /// <summary>When request.timeout runs out for the batches still unanswered.</summary>
    public long DeadlineMs { get; } = deadlineMs;

    public List<ProducerBatch> Batches { get; } = new(4);

    public long Bytes { get; set; }

    public int Unanswered { get; set; }
}
