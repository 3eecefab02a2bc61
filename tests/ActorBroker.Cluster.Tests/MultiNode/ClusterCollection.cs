namespace ActorBroker.Cluster.Tests.MultiNode;

/// <summary>Declares the collection that serializes the multi-node tests.</summary>
[CollectionDefinition(ClusterTestBase.Collection, DisableParallelization = true)]
public sealed class ClusterCollection;
