namespace ActorBroker.Broker.Tests.MultiNode;

/// <summary>Multi-node tests run one at a time: on two cores, parallel clusters would starve each other's heartbeats.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrokerNodesCollection
{
    public const string Name = "multi-node broker";
}
