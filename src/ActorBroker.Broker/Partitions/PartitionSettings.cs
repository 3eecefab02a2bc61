using Akka.Actor;
using Akka.Configuration;

namespace ActorBroker.Broker.Partitions;

/// <summary>
/// The <c>actorbroker.broker.partition</c> settings of the partition actors, validated when read so that a bad value
/// fails at start with its key, never on a produce. Topic-level settings (retention, sizes) live in <c>TopicConfig</c>.
/// </summary>
public sealed record PartitionSettings
{
    public const string Section = "actorbroker.broker.partition";

    /// <summary>Bytes of the newest batches each partition keeps in memory, so fetches near the end need no journal read.</summary>
    public long CacheBytes { get; init; } = 4L * 1024 * 1024;

    /// <summary>How often a partition deletes batches that fell out of <c>retention.ms</c> / <c>retention.bytes</c>.</summary>
    public TimeSpan RetentionCheckInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Fetches one partition holds at once (long polls and fetches queued for a journal read); more are answered at once.</summary>
    public int MaxWaitingFetches { get; init; } = 1000;

    /// <summary>The longest a fetch waits for data, whatever its <c>MaxWaitMs</c> asks.</summary>
    public TimeSpan FetchMaxWait { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Most batches one fetch reads from the journal; the consumer fetches again for the rest.</summary>
    public int JournalReadBatches { get; init; } = 500;

    /// <summary>Journal reads one partition runs at once; further cold fetches queue.</summary>
    public int JournalReadsInFlight { get; init; } = 4;

    /// <summary>Appends being written to the journal at once; beyond this the partition takes no command until a write completes.</summary>
    public int MaxInflightAppends { get; init; } = 1000;

    /// <summary>A follower that has not caught up with the leader's log end for this long leaves the ISR (Kafka's replica.lag.time.max.ms).</summary>
    public TimeSpan ReplicaLagTimeMax { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Bytes a follower asks for per fetch (at least one whole batch comes back).</summary>
    public int ReplicaFetchMaxBytes { get; init; } = 1024 * 1024;

    /// <summary>How long the leader holds a follower's fetch when it has nothing new (long poll).</summary>
    public TimeSpan ReplicaFetchWaitMax { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long a follower waits before fetching again after an error (leader moved, unreachable).</summary>
    public TimeSpan ReplicaFetchBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A follower fetch not answered within this (beyond its wait) is sent again: the answer or the leader was lost.</summary>
    public TimeSpan ReplicaFetchResponseTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How often a replica whose high watermark moved stores it (Kafka's replica.high.watermark.checkpoint.interval.ms).</summary>
    public TimeSpan HighWatermarkCheckpointInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The clock that retention compares batch timestamps with; tests inject a fake one.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>The settings of <paramref name="system"/>'s <c>actorbroker.broker.partition</c> section.</summary>
    public static PartitionSettings Create(ActorSystem system) => FromConfig(BrokerConfig.WithDefaults(system.Settings.Config).GetConfig(Section));

    /// <summary>Reads the <c>actorbroker.broker.partition</c> section itself; missing keys take the defaults above.</summary>
    /// <exception cref="BrokerConfigException">A value is malformed or out of range; its path names the key.</exception>
    public static PartitionSettings FromConfig(Config brokerPartitionConfig)
    {
        var c = brokerPartitionConfig;
        var d = new PartitionSettings();
        return new PartitionSettings
        {
            CacheBytes = AtLeast("cache-bytes", Read("cache-bytes", k => c.GetByteSize(k) ?? d.CacheBytes), 0),
            RetentionCheckInterval = Positive("retention-check-interval", Read("retention-check-interval", k => c.GetTimeSpan(k, d.RetentionCheckInterval, allowInfinite: false))),
            MaxWaitingFetches = (int)AtLeast("max-waiting-fetches", Read("max-waiting-fetches", k => c.GetInt(k, d.MaxWaitingFetches)), 0),
            FetchMaxWait = Positive("fetch-max-wait", Read("fetch-max-wait", k => c.GetTimeSpan(k, d.FetchMaxWait, allowInfinite: false))),
            JournalReadBatches = (int)AtLeast("journal-read-batches", Read("journal-read-batches", k => c.GetInt(k, d.JournalReadBatches)), 1),
            JournalReadsInFlight = (int)AtLeast("journal-reads-in-flight", Read("journal-reads-in-flight", k => c.GetInt(k, d.JournalReadsInFlight)), 1),
            MaxInflightAppends = (int)AtLeast("max-inflight-appends", Read("max-inflight-appends", k => c.GetInt(k, d.MaxInflightAppends)), 1),
            ReplicaLagTimeMax = Positive("replica-lag-time-max", Read("replica-lag-time-max", k => c.GetTimeSpan(k, d.ReplicaLagTimeMax, allowInfinite: false))),
            ReplicaFetchMaxBytes = (int)AtLeast("replica-fetch-max-bytes", Read("replica-fetch-max-bytes", k => c.GetByteSize(k) ?? d.ReplicaFetchMaxBytes), 1024),
            ReplicaFetchWaitMax = Positive("replica-fetch-wait-max", Read("replica-fetch-wait-max", k => c.GetTimeSpan(k, d.ReplicaFetchWaitMax, allowInfinite: false))),
            ReplicaFetchBackoff = Positive("replica-fetch-backoff", Read("replica-fetch-backoff", k => c.GetTimeSpan(k, d.ReplicaFetchBackoff, allowInfinite: false))),
            HighWatermarkCheckpointInterval = Positive("high-watermark-checkpoint-interval",
                Read("high-watermark-checkpoint-interval", k => c.GetTimeSpan(k, d.HighWatermarkCheckpointInterval, allowInfinite: false))),
            ReplicaFetchResponseTimeout = Positive("replica-fetch-response-timeout", Read("replica-fetch-response-timeout", k => c.GetTimeSpan(k, d.ReplicaFetchResponseTimeout, allowInfinite: false))),
        };
    }

    /// <summary>Reads <paramref name="key"/> (its default when missing), turning a malformed value into an error that names it.</summary>
    private static T Read<T>(string key, Func<string, T> read)
    {
        try
        {
            return read(key);
        }
        catch (Exception e)
        {
            throw new BrokerConfigException($"{Section}.{key}", $"{Section}.{key} cannot be read: {e.Message}", e);
        }
    }

    private static long AtLeast(string key, long value, long min) => value >= min
        ? value
        : throw new BrokerConfigException($"{Section}.{key}", $"{Section}.{key} must be at least {min}, was {value}");

    private static TimeSpan Positive(string key, TimeSpan value) => value > TimeSpan.Zero
        ? value
        : throw new BrokerConfigException($"{Section}.{key}", $"{Section}.{key} must be a positive duration, was {value}");
}
