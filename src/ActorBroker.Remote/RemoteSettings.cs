using ActorBroker.Hocon;

namespace ActorBroker.Remote;

/// <summary>The <c>actorbroker.remote</c> section, validated once at start so a bad value fails fast with its key.</summary>
public sealed record RemoteSettings
{
    private const string Section = "actorbroker.remote";

    public required string Hostname { get; init; }

    public required int Port { get; init; }

    /// <summary>Host put into this node's address; the bound hostname unless public-hostname is set.</summary>
    public required string PublicHostname { get; init; }

    /// <summary>Port put into this node's address; 0 = the bound port.</summary>
    public required int PublicPort { get; init; }

    public required int MaximumFrameSize { get; init; }

    public required int OutboundQueueSize { get; init; }

    public required int SystemMessageQueueSize { get; init; }

    public required int FlushThreshold { get; init; }

    public required TimeSpan ConnectionTimeout { get; init; }

    public required TimeSpan RetryGateClosedFor { get; init; }

    public required TimeSpan QuarantineDuration { get; init; }

    public required int SendBufferSize { get; init; }

    public required int ReceiveBufferSize { get; init; }

    public required Config WatchFailureDetector { get; init; }

    public static RemoteSettings FromConfig(Config config)
    {
        var c = config.GetConfig(Section);
        var settings = new RemoteSettings
        {
            Hostname = c.GetString("hostname"),
            Port = c.GetInt("port"),
            PublicHostname = c.GetString("public-hostname", ""),
            PublicPort = c.GetInt("public-port", 0),
            MaximumFrameSize = ToInt(c.GetByteSize("maximum-frame-size"), "maximum-frame-size"),
            OutboundQueueSize = c.GetInt("outbound-queue-size"),
            SystemMessageQueueSize = c.GetInt("system-message-queue-size"),
            FlushThreshold = ToInt(c.GetByteSize("flush-threshold"), "flush-threshold"),
            ConnectionTimeout = c.GetTimeSpan("connection-timeout"),
            RetryGateClosedFor = c.GetTimeSpan("retry-gate-closed-for"),
            QuarantineDuration = c.GetTimeSpan("quarantine-duration"),
            SendBufferSize = ToInt(c.GetByteSize("send-buffer-size"), "send-buffer-size"),
            ReceiveBufferSize = ToInt(c.GetByteSize("receive-buffer-size"), "receive-buffer-size"),
            WatchFailureDetector = c.GetConfig("watch-failure-detector"),
        };
        settings.Validate();
        return settings;
    }

    private void Validate()
    {
        if (string.IsNullOrWhiteSpace(Hostname)) Fail("hostname", "must name an interface, e.g. 127.0.0.1");
        if (Port is < 0 or > 65535) Fail("port", $"must be between 0 and 65535, was {Port}");
        if (PublicPort is < 0 or > 65535) Fail("public-port", $"must be between 0 and 65535, was {PublicPort}");
        // A frame must at least hold an envelope with two paths; below 1 KiB nothing useful fits.
        if (MaximumFrameSize < 1024) Fail("maximum-frame-size", $"must be at least 1KiB, was {MaximumFrameSize} bytes");
        if (OutboundQueueSize < 1) Fail("outbound-queue-size", $"must be at least 1, was {OutboundQueueSize}");
        if (SystemMessageQueueSize < 1) Fail("system-message-queue-size", $"must be at least 1, was {SystemMessageQueueSize}");
        if (FlushThreshold < 1) Fail("flush-threshold", $"must be positive, was {FlushThreshold}");
        if (ConnectionTimeout <= TimeSpan.Zero) Fail("connection-timeout", "must be positive");
        if (RetryGateClosedFor < TimeSpan.Zero) Fail("retry-gate-closed-for", "must not be negative");
    }

    private static int ToInt(long bytes, string key)
    {
        if (bytes is < 0 or > int.MaxValue) Fail(key, $"must be between 0 and 2GiB, was {bytes} bytes");
        return (int)bytes;
    }

    private static void Fail(string key, string problem) =>
        throw new ConfigException($"{Section}.{key}", $"{Section}.{key} {problem}");
}
