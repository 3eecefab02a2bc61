namespace ActorBroker.Client.Settings;

/// <summary>
/// Consumer settings by Kafka's names, for binding from application configuration: every property left null keeps its
/// default from hocon/reference.conf. Turn them into <see cref="ConsumerSettings"/> with <see cref="ConsumerSettings.FromOptions"/>.
/// </summary>
public sealed class ConsumerOptions
{
    /// <summary><c>bootstrap.servers</c>: comma-separated <c>host:port</c> list.</summary>
    public string? BootstrapServers { get; set; }

    /// <summary>The broker nodes' actor system name.</summary>
    public string? ClusterSystemName { get; set; }

    /// <summary><c>auto.offset.reset</c>: "earliest", "latest" or "none".</summary>
    public string? AutoOffsetReset { get; set; }

    public int? FetchMinBytes { get; set; }

    public int? FetchMaxWaitMs { get; set; }

    public int? MaxPartitionFetchBytes { get; set; }

    public long? MaxBufferedBytes { get; set; }

    public int? RequestTimeoutMs { get; set; }

    public int? RetryBackoffMs { get; set; }

    public int? MetadataMaxAgeMs { get; set; }

    internal ConsumerSettings ApplyTo(ConsumerSettings s) => s with
    {
        Client = OptionValues.ApplyClient(s.Client, BootstrapServers, ClusterSystemName, MetadataMaxAgeMs),
        AutoOffsetReset = AutoOffsetReset is null ? s.AutoOffsetReset : ConsumerSettings.ParseReset(AutoOffsetReset),
        FetchMinBytes = FetchMinBytes ?? s.FetchMinBytes,
        FetchMaxWait = OptionValues.Millis(FetchMaxWaitMs) ?? s.FetchMaxWait,
        MaxPartitionFetchBytes = MaxPartitionFetchBytes ?? s.MaxPartitionFetchBytes,
        MaxBufferedBytes = MaxBufferedBytes ?? s.MaxBufferedBytes,
        RequestTimeout = OptionValues.Millis(RequestTimeoutMs) ?? s.RequestTimeout,
        RetryBackoff = OptionValues.Millis(RetryBackoffMs) ?? s.RetryBackoff,
    };
}
