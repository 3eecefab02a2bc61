namespace ActorBroker.Cluster;

/// <summary>What one node's failure detector says about another.</summary>
public enum ReachabilityStatus
{
    Reachable,

    /// <summary>Suspected by the observer's failure detector; may become reachable again.</summary>
    Unreachable,

    /// <summary>Known dead (e.g. its incarnation was replaced); final, never reachable again.</summary>
    Terminated,
}
