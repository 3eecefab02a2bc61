using ActorBroker.Protocol.Messages;
using ActorBroker.Protocol.Records;
using Akka.Configuration;

namespace ActorBroker.Client.Settings;

/// <summary>
/// The producer's settings (<c>actorbroker.client.producer</c>), with Kafka's producer setting named on each. Read
/// them with <see cref="FromConfig"/> or <see cref="FromOptions"/>, or start from <see cref="Default"/> and change
/// what you need with <c>with</c>; the producer validates them when it starts.
/// </summary>
public sealed record ProducerSettings
{
    public const string Section = "actorbroker.client.producer";

    /// <summary>How the producer reaches the cluster, and how often it refreshes metadata.</summary>
    public required ClientSettings Client { get; init; }

    /// <summary><c>acks</c>: replicas that must have a batch before it counts as delivered.</summary>
    public required Acks Acks { get; init; }

    /// <summary><c>batch.size</c>: bytes a partition's batch grows to before it is sent.</summary>
    public required int BatchSize { get; init; }

    /// <summary><c>linger.ms</c>: how long a batch waits for more records.</summary>
    public required TimeSpan Linger { get; init; }

    /// <summary><c>buffer.memory</c>: bytes of records not yet delivered.</summary>
    public required long BufferMemory { get; init; }

    /// <summary><c>max.block.ms</c>: how long a record may wait for buffer memory or its topic's metadata.</summary>
    public required TimeSpan MaxBlock { get; init; }

    /// <summary>Produce messages that may wait for buffer memory at once (no Kafka equivalent: Kafka blocks the caller's thread).</summary>
    public required int MaxBlockedProduces { get; init; }

    /// <summary><c>max.request.size</c>: the largest request, and so the largest record.</summary>
    public required int MaxRequestSize { get; init; }

    /// <summary><c>max.in.flight.requests.per.connection</c>: unanswered produce requests per node.</summary>
    public required int MaxInFlightRequestsPerConnection { get; init; }

    /// <summary><c>retries</c>: re-sends of a batch that failed with a retriable error.</summary>
    public required int Retries { get; init; }

    /// <summary><c>retry.backoff.ms</c>: pause before a re-send or a metadata retry.</summary>
    public required TimeSpan RetryBackoff { get; init; }

    /// <summary><c>request.timeout.ms</c>: how long a request may stay unanswered.</summary>
    public required TimeSpan RequestTimeout { get; init; }

    /// <summary><c>delivery.timeout.ms</c>: longest time from a record's arrival to its outcome.</summary>
    public required TimeSpan DeliveryTimeout { get; init; }

    /// <summary>The settings of hocon/reference.conf.</summary>
    public static ProducerSettings Default { get; } = FromConfig(Config.Empty);

    /// <summary>Reads <c>actorbroker.client</c> and its <c>producer</c> block from <paramref name="config"/>; missing keys take their defaults.</summary>
    public static ProducerSettings FromConfig(Config config)
    {
        var r = new SettingsReader(config, Section);
        return new ProducerSettings
        {
            Client = ClientSettings.FromConfig(config),
            Acks = AcksSetting.Parse(r.String("acks"), $"{Section}.acks"),
            BatchSize = r.IntBytes("batch-size"),
            Linger = r.Duration("linger"),
            BufferMemory = r.Bytes("buffer-memory"),
            MaxBlock = r.Duration("max-block"),
            MaxBlockedProduces = r.Int("max-blocked-produces"),
            MaxRequestSize = r.IntBytes("max-request-size"),
            MaxInFlightRequestsPerConnection = r.Int("max-in-flight-requests-per-connection"),
            Retries = r.Int("retries"),
            RetryBackoff = r.Duration("retry-backoff"),
            RequestTimeout = r.Duration("request-timeout"),
            DeliveryTimeout = r.Duration("delivery-timeout"),
        }.Validate();
    }

    /// <summary>The defaults with every option that is set applied, validated.</summary>
    public static ProducerSettings FromOptions(ProducerOptions options) => options.ApplyTo(Default).Validate();

    /// <summary>Checks every value; throws <see cref="ConfigException"/> naming the key (and Kafka's name) of the first bad one.</summary>
    public ProducerSettings Validate()
    {
        Client.Validate();
        SettingsErrors.Require(Enum.IsDefined(Acks), $"{Section}.acks", "acks", $"must be all, 1 or 0, was {(short)Acks}");
        SettingsErrors.Require(BatchSize >= 0, $"{Section}.batch-size", "batch.size", $"must not be negative, was {BatchSize}");
        SettingsErrors.RequireMillis(Linger, TimeSpan.Zero, $"{Section}.linger", "linger.ms");
        SettingsErrors.Require(BufferMemory > 0, $"{Section}.buffer-memory", "buffer.memory", $"must be positive, was {BufferMemory}");
        SettingsErrors.RequireMillis(MaxBlock, TimeSpan.Zero, $"{Section}.max-block", "max.block.ms");
        SettingsErrors.Require(MaxBlockedProduces is >= 0 and <= 10_000_000, $"{Section}.max-blocked-produces", null,
            $"must be between 0 and 10000000, was {MaxBlockedProduces}");
        SettingsErrors.Require(MaxRequestSize > RecordBatch.HeaderSize, $"{Section}.max-request-size", "max.request.size",
            $"must be larger than a batch header ({RecordBatch.HeaderSize} bytes), was {MaxRequestSize}");
        SettingsErrors.Require(MaxInFlightRequestsPerConnection >= 1, $"{Section}.max-in-flight-requests-per-connection",
            "max.in.flight.requests.per.connection", $"must be at least 1, was {MaxInFlightRequestsPerConnection}");
        SettingsErrors.Require(Retries >= 0, $"{Section}.retries", "retries", $"must not be negative, was {Retries}");
        SettingsErrors.RequireMillis(RetryBackoff, TimeSpan.Zero, $"{Section}.retry-backoff", "retry.backoff.ms");
        SettingsErrors.RequireMillis(RequestTimeout, TimeSpan.FromMilliseconds(1), $"{Section}.request-timeout", "request.timeout.ms");
        SettingsErrors.RequireMillis(DeliveryTimeout, TimeSpan.FromMilliseconds(1), $"{Section}.delivery-timeout", "delivery.timeout.ms");
        // Kafka's rule: a record must get at least one full attempt after lingering.
        SettingsErrors.Require(DeliveryTimeout >= Linger + RequestTimeout, $"{Section}.delivery-timeout", "delivery.timeout.ms",
            $"must be at least linger + request-timeout ({(Linger + RequestTimeout).TotalMilliseconds:0} ms), was {DeliveryTimeout.TotalMilliseconds:0} ms");
        return this;
    }
}
