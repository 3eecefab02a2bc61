using ActorBroker.Remote;

namespace ActorBroker.Cluster;

/// <summary>One observation: <paramref name="Observer"/> sees <paramref name="Subject"/> as <paramref name="Status"/>,
/// as of the observer's <paramref name="Version"/>-th change of its row.</summary>
public sealed record ReachabilityRecord(UniqueAddress Observer, UniqueAddress Subject, ReachabilityStatus Status, long Version);
