namespace ActorBroker.IntegrationTests;

/// <summary>Tests that run node processes go one at a time: on two cores, clusters side by side starve each other's heartbeats.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NodeProcessesCollection
{
    public const string Name = "node processes";
}
