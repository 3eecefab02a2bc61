using ActorBroker.Actors;

namespace ActorBroker.Cluster.Singleton;

/// <summary>Asks a <see cref="ClusterSingletonManager"/> for its <see cref="SingletonStatus"/> (for tools such as <c>cluster status</c>).</summary>
public sealed record GetSingletonStatus
{
    public static readonly GetSingletonStatus Instance = new();
}

/// <summary>What one manager knows: its phase, whether the instance runs on its node, and which node is the oldest eligible one.</summary>
/// <param name="SingletonName">Name of the singleton actor under the manager.</param>
/// <param name="ManagerPath">The manager's path without address, the same on every node.</param>
/// <param name="Phase">The manager's <see cref="ManagerPhase"/> as text.</param>
/// <param name="RunsHere">True while the instance is alive on this node.</param>
/// <param name="Oldest">The oldest Up member with the role, where the singleton runs or is about to; null when none.</param>
public sealed record SingletonStatus(string SingletonName, string ManagerPath, string Phase, bool RunsHere, Address? Oldest);
