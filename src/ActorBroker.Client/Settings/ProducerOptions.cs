namespace ActorBroker.Client.Settings;

/// <summary>
/// Producer settings by Kafka's names, for binding from application configuration: every property left null keeps its
/// default from hocon/reference.conf. Turn them into <see cref="ProducerSettings"/> with <see cref="ProducerSettings.FromOptions"/>.
/// </summary>
public sealed class ProducerOptions
{
    /// <summary><c>bootstrap.servers</c>: comma-separated <c>host:port</c> list.</summary>
    public string? BootstrapServers { get; set; }

    /// <summary>The broker nodes' actor system name.</summary>
    public string? ClusterSystemName { get; set; }

    /// <summary><c>acks</c>: "all", "1" or "0".</summary>
    public string? Acks { get; set; }

    public int? BatchSize { get; set; }

    public int? LingerMs { get; set; }

    public long? BufferMemory { get; set; }

    public int? MaxBlockMs { get; set; }

    public int? MaxBlockedProduces { get; set; }

    public int? MaxRequestSize { get; set; }

    public int? MaxInFlightRequestsPerConnection { get; set; }

    public int? Retries { get; set; }

    public int? RetryBackoffMs { get; set; }

    public int? RequestTimeoutMs { get; set; }

    public int? DeliveryTimeoutMs { get; set; }

    public int? MetadataMaxAgeMs { get; set; }

    internal ProducerSettings ApplyTo(ProducerSettings s) => s with
    {
        Client = OptionValues.ApplyClient(s.Client, BootstrapServers, ClusterSystemName, MetadataMaxAgeMs),
        Acks = Acks is null ? s.Acks : AcksSetting.Parse(Acks, $"{ProducerSettings.Section}.acks"),
        BatchSize = BatchSize ?? s.BatchSize,
        Linger = OptionValues.Millis(LingerMs) ?? s.Linger,
        BufferMemory = BufferMemory ?? s.BufferMemory,
        MaxBlock = OptionValues.Millis(MaxBlockMs) ?? s.MaxBlock,
        MaxBlockedProduces = MaxBlockedProduces ?? s.MaxBlockedProduces,
        MaxRequestSize = MaxRequestSize ?? s.MaxRequestSize,
        MaxInFlightRequestsPerConnection = MaxInFlightRequestsPerConnection ?? s.MaxInFlightRequestsPerConnection,
        Retries = Retries ?? s.Retries,
        RetryBackoff = OptionValues.Millis(RetryBackoffMs) ?? s.RetryBackoff,
        RequestTimeout = OptionValues.Millis(RequestTimeoutMs) ?? s.RequestTimeout,
        DeliveryTimeout = OptionValues.Millis(DeliveryTimeoutMs) ?? s.DeliveryTimeout,
    };
}
