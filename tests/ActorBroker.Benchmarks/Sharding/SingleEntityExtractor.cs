using ActorBroker.Cluster.Sharding;

namespace ActorBroker.Benchmarks.Sharding;

/// <summary>Every message is for entity "0" in shard "0": the benchmark measures routing, not the user's id parsing.</summary>
internal sealed class SingleEntityExtractor : IMessageExtractor
{
    public string? EntityId(object message) => "0";

    public string ShardId(string entityId, object? message = null) => "0";

    public object EntityMessage(object message) => message;
}
