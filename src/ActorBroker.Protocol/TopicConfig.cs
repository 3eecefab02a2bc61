using System.Globalization;

namespace ActorBroker.Protocol;

/// <summary>
/// A topic's effective settings: the broker's defaults with the topic's overrides on top. Keys and meanings are
/// Kafka's. <see cref="TryApply"/> validates overrides, so a bad value is an InvalidConfig error at creation time,
/// never a surprise later.
/// </summary>
public sealed record TopicConfig
{
    public const string MinInsyncReplicasKey = "min.insync.replicas";
    public const string RetentionMsKey = "retention.ms";
    public const string RetentionBytesKey = "retention.bytes";
    public const string MaxMessageBytesKey = "max.message.bytes";
    public const string UncleanLeaderElectionKey = "unclean.leader.election.enable";

    public static IReadOnlyList<string> Keys { get; } =
        [MinInsyncReplicasKey, RetentionMsKey, RetentionBytesKey, MaxMessageBytesKey, UncleanLeaderElectionKey];

    /// <summary>Kafka's defaults: keep 7 days, no size limit, 1 MiB batches, one in-sync replica, clean elections only.</summary>
    public static TopicConfig Default { get; } = new();

    /// <summary>Fewest in-sync replicas for an acks=all produce to be accepted.</summary>
    public int MinInsyncReplicas { get; init; } = 1;

    /// <summary>Batches whose newest record is older than this are deleted; -1 keeps them forever.</summary>
    public long RetentionMs { get; init; } = 7L * 24 * 60 * 60 * 1000;

    /// <summary>Oldest batches are deleted while the partition is larger than this; -1 means no limit.</summary>
    public long RetentionBytes { get; init; } = -1;

    /// <summary>Largest record batch the partition accepts, in bytes.</summary>
    public int MaxMessageBytes { get; init; } = 1024 * 1024 + 12;

    public bool UncleanLeaderElectionEnable { get; init; }

    /// <summary>
    /// Applies <paramref name="overrides"/> to this config. Returns false with <paramref name="error"/> naming the
    /// key and the rule when a key is unknown or a value is out of range.
    /// </summary>
    public bool TryApply(IReadOnlyDictionary<string, string> overrides, out TopicConfig result, out string? error)
    {
        result = this;
        error = null;
        foreach (var (key, value) in overrides)
        {
            switch (key)
            {
                case MinInsyncReplicasKey when TryInt(value, 1, out var n): result = result with { MinInsyncReplicas = n }; break;
                case RetentionMsKey when TryLong(value, -1, out var ms): result = result with { RetentionMs = ms }; break;
                case RetentionBytesKey when TryLong(value, -1, out var bytes): result = result with { RetentionBytes = bytes }; break;
                case MaxMessageBytesKey when TryInt(value, 0, out var max): result = result with { MaxMessageBytes = max }; break;
                case UncleanLeaderElectionKey when bool.TryParse(value, out var unclean): result = result with { UncleanLeaderElectionEnable = unclean }; break;
                default:
                    error = Keys.Contains(key)
                        ? $"invalid value '{value}' for {key}: {Rule(key)}"
                        : $"unknown topic config '{key}'; known: {string.Join(", ", Keys)}";
                    return false;
            }
        }
        return true;
    }

    private static string Rule(string key) => key switch
    {
        MinInsyncReplicasKey => "an integer of at least 1",
        RetentionMsKey or RetentionBytesKey => "an integer, -1 for no limit",
        MaxMessageBytesKey => "a non-negative integer",
        _ => "true or false",
    };

    private static bool TryInt(string value, int min, out int result) =>
        int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out result) && result >= min;

    private static bool TryLong(string value, long min, out long result) =>
        long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out result) && result >= min;
}
