using Akka.Configuration;

namespace ActorBroker.Client.Settings;

/// <summary>
/// The consumer's settings (<c>actorbroker.client.consumer</c>), with Kafka's consumer setting named on each. Read
/// them with <see cref="FromConfig"/> or <see cref="FromOptions"/>, or start from <see cref="Default"/> and use <c>with</c>.
/// </summary>
public sealed record ConsumerSettings
{
    public const string Section = "actorbroker.client.consumer";

    /// <summary>How the consumer reaches the cluster, and how often it refreshes metadata.</summary>
    public required ClientSettings Client { get; init; }

    /// <summary><c>auto.offset.reset</c>.</summary>
    public required AutoOffsetReset AutoOffsetReset { get; init; }

    /// <summary><c>fetch.min.bytes</c>.</summary>
    public required int FetchMinBytes { get; init; }

    /// <summary><c>fetch.max.wait.ms</c>.</summary>
    public required TimeSpan FetchMaxWait { get; init; }

    /// <summary><c>max.partition.fetch.bytes</c>.</summary>
    public required int MaxPartitionFetchBytes { get; init; }

    /// <summary>Bytes delivered and not yet processed above which fetching pauses (no Kafka equivalent: Kafka's poll loop pulls).</summary>
    public required long MaxBufferedBytes { get; init; }

    /// <summary><c>request.timeout.ms</c>, counted on top of <see cref="FetchMaxWait"/> for fetches.</summary>
    public required TimeSpan RequestTimeout { get; init; }

    /// <summary><c>retry.backoff.ms</c>.</summary>
    public required TimeSpan RetryBackoff { get; init; }

    /// <summary>The settings of hocon/reference.conf.</summary>
    public static ConsumerSettings Default { get; } = FromConfig(Config.Empty);

    /// <summary>Reads <c>actorbroker.client</c> and its <c>consumer</c> block from <paramref name="config"/>; missing keys take their defaults.</summary>
    public static ConsumerSettings FromConfig(Config config)
    {
        var r = new SettingsReader(config, Section);
        return new ConsumerSettings
        {
            Client = ClientSettings.FromConfig(config),
            AutoOffsetReset = ParseReset(r.String("auto-offset-reset")),
            FetchMinBytes = r.IntBytes("fetch-min-bytes"),
            FetchMaxWait = r.Duration("fetch-max-wait"),
            MaxPartitionFetchBytes = r.IntBytes("max-partition-fetch-bytes"),
            MaxBufferedBytes = r.Bytes("max-buffered-bytes"),
            RequestTimeout = r.Duration("request-timeout"),
            RetryBackoff = r.Duration("retry-backoff"),
        }.Validate();
    }

    /// <summary>The defaults with every option that is set applied, validated.</summary>
    public static ConsumerSettings FromOptions(ConsumerOptions options) => options.ApplyTo(Default).Validate();

    /// <summary>Checks every value; throws <see cref="ConfigException"/> naming the key (and Kafka's name) of the first bad one.</summary>
    public ConsumerSettings Validate()
    {
        Client.Validate();
        SettingsErrors.Require(Enum.IsDefined(AutoOffsetReset), $"{Section}.auto-offset-reset", "auto.offset.reset", $"must be earliest, latest or none, was {AutoOffsetReset}");
        SettingsErrors.Require(FetchMinBytes >= 0, $"{Section}.fetch-min-bytes", "fetch.min.bytes", $"must not be negative, was {FetchMinBytes}");
        SettingsErrors.RequireMillis(FetchMaxWait, TimeSpan.Zero, $"{Section}.fetch-max-wait", "fetch.max.wait.ms");
        SettingsErrors.Require(MaxPartitionFetchBytes >= 1, $"{Section}.max-partition-fetch-bytes", "max.partition.fetch.bytes",
            $"must be positive, was {MaxPartitionFetchBytes}");
        SettingsErrors.Require(MaxBufferedBytes >= 1, $"{Section}.max-buffered-bytes", null, $"must be positive, was {MaxBufferedBytes}");
        SettingsErrors.RequireMillis(RequestTimeout, TimeSpan.FromMilliseconds(1), $"{Section}.request-timeout", "request.timeout.ms");
        SettingsErrors.RequireMillis(RetryBackoff, TimeSpan.Zero, $"{Section}.retry-backoff", "retry.backoff.ms");
        return this;
    }

    internal static AutoOffsetReset ParseReset(string text) => text.Trim().ToLowerInvariant() switch
    {
        "earliest" or "smallest" => AutoOffsetReset.Earliest,
        "latest" or "largest" => AutoOffsetReset.Latest,
        "none" => AutoOffsetReset.None,
        _ => throw SettingsErrors.Fail($"{Section}.auto-offset-reset", "auto.offset.reset", $"must be earliest, latest or none, was '{text}'"),
    };
}
