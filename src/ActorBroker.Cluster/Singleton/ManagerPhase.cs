namespace ActorBroker.Cluster.Singleton;

/// <summary>Where a <see cref="ClusterSingletonManager"/> is in the singleton's life on its node.</summary>
public enum ManagerPhase
{
    /// <summary>Waiting for this node to be Up.</summary>
    Start,

    /// <summary>An older member hosts the singleton.</summary>
    Younger,

    /// <summary>This node is the oldest and waits for the previous oldest to hand over or be removed.</summary>
    BecomingOldest,

    /// <summary>The singleton runs here.</summary>
    Oldest,

    /// <summary>The singleton still runs here, but this node is leaving; the successor will ask for it.</summary>
    WasOldest,

    /// <summary>The instance here was told to stop and the manager waits for it to terminate.</summary>
    Stopping,

    /// <summary>The instance here has stopped for good; the successor runs it.</summary>
    HandedOver,

    /// <summary>This node lacks the singleton's role.</summary>
    NotEligible,
}
