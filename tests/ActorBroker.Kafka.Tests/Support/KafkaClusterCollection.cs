namespace ActorBroker.Kafka.Tests.Support;

/// <summary>Tests that start broker clusters run one at a time: on two cores, parallel clusters starve each other's heartbeats.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class KafkaClusterCollection
{
    public const string Name = "kafka door on broker clusters";
}
