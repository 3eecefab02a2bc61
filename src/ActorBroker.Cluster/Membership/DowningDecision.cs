namespace ActorBroker.Cluster;

/// <summary>What a split brain strategy decided to do about a partition.</summary>
public enum DowningDecision
{
    /// <summary>Nothing to decide: nobody is unreachable, or nobody counts.</summary>
    None,

    /// <summary>This side survives; down the unreachable side.</summary>
    DownUnreachable,

    /// <summary>This side loses; down the reachable side, ourselves included.</summary>
    DownReachable,

    /// <summary>No side can safely survive; down everyone.</summary>
    DownAll,
}
