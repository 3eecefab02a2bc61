namespace ActorBroker.Broker.Membership;

/// <summary>Asks a node's <see cref="CutLinkResolver"/> which members its own failure detector misses.</summary>
internal sealed record LinkViewRequest
{
    public static readonly LinkViewRequest Instance = new();
}

/// <summary>
/// The members (addresses) whose heartbeats the node <paramref name="Observer"/> has been missing, by its own failure
/// detector: what the cluster's gossip merges, per observer, into "unreachable".
/// </summary>
internal sealed record LinkView(string Observer, IReadOnlyList<string> Unreachable);
