namespace ActorBroker.Cli.Tests;

/// <summary>Tests that run cluster nodes (processes or in-process) go one at a time: on two cores, parallel clusters starve each other's heartbeats.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterNodesCollection
{
    public const string Name = "cluster nodes";
}
