namespace ActorBroker.FaultTests;

/// <summary>Fault runs go one at a time: on two cores, clusters side by side starve each other's heartbeats, and they share the firewall chain.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultProcessesCollection
{
    public const string Name = "fault runs";
}
