namespace ActorBroker.Cluster.Sharding;

/// <summary>
/// Maps an entity id to one of <see cref="MaxNumberOfShards"/> shards by a stable hash of the id, the same in
/// every process (unlike <c>string.GetHashCode</c>, which is randomised per process). Understands
/// <see cref="ShardingEnvelope"/>; derive and override <see cref="EntityId"/> / <see cref="EntityMessage"/> for
/// messages of your own.
/// </summary>
public class HashCodeMessageExtractor : IMessageExtractor
{
    // Shard ids are strings on the wire; caching them keeps the hot path free of int-to-string allocations.
    private readonly string[] _shardIds;

    public HashCodeMessageExtractor(int maxNumberOfShards)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxNumberOfShards);
        MaxNumberOfShards = maxNumberOfShards;
        _shardIds = new string[maxNumberOfShards];
        for (var i = 0; i < maxNumberOfShards; i++) _shardIds[i] = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Shards are numbered 0 to MaxNumberOfShards - 1. Changing it moves most entities to other shards.</summary>
    public int MaxNumberOfShards { get; }

    public virtual string? EntityId(object message) => message is ShardingEnvelope envelope ? envelope.EntityId : null;

    public virtual object EntityMessage(object message) => message is ShardingEnvelope envelope ? envelope.Message : message;

    public string ShardId(string entityId, object? message = null) =>
        _shardIds[(int)(StableHash(entityId) % (uint)MaxNumberOfShards)];

    /// <summary>
    /// 32-bit FNV-1a over the UTF-16 code units of <paramref name="text"/>. Part of the persisted contract:
    /// shard ids stored in journals were computed with it, so it must never change.
    /// </summary>
    public static uint StableHash(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ (byte)c) * 16777619u;
            hash = (hash ^ (byte)(c >> 8)) * 16777619u;
        }

        return hash;
    }
}
