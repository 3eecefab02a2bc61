using System.Globalization;
using ActorBroker.Broker;
using Akka.Actor;
using Akka.Configuration;

namespace ActorBroker.Kafka;

/// <summary>
/// The <c>actorbroker.kafka</c> settings of a node's Kafka listener, read once at start and validated, so a bad value
/// fails the node with the key's name (<see cref="BrokerConfigException.Path"/>).
/// </summary>
public sealed record KafkaSettings
{
    internal const string Section = "actorbroker.kafka";

    /// <summary>Whether the node serves Kafka clients.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Host (an IP address or a name) and port the listener binds; port 0 picks a free one.</summary>
    public HostPort Listener { get; init; } = new("127.0.0.1", 9092);

    /// <summary>What Metadata tells clients to connect to; null = the listener's address with the port it bound.</summary>
    public HostPort? Advertised { get; init; }

    /// <summary>Largest request size prefix accepted (Kafka's socket.request.max.bytes); more closes the connection.</summary>
    public int SocketRequestMaxBytes { get; init; } = 100 * 1024 * 1024;

    /// <summary>Unanswered requests per connection before the node stops reading from it.</summary>
    public int MaxInFlightRequestsPerConnection { get; init; } = 100;

    /// <summary>How long a request may wait for the broker's actors.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The settings of <paramref name="system"/>'s configuration over the door's defaults.</summary>
    public static KafkaSettings Create(ActorSystem system) => FromConfig(KafkaConfig.WithDefaults(system.Settings.Config));

    /// <exception cref="BrokerConfigException">A value is missing, malformed or out of range; its path names the key.</exception>
    public static KafkaSettings FromConfig(Config config)
    {
        var c = config.GetConfig(Section) ?? throw new BrokerConfigException(Section, $"{Section} is missing");
        var advertised = Read(c, "advertised", k => c.GetString(k)).Trim();
        return new KafkaSettings
        {
            Enabled = Read(c, "enabled", k => c.GetBoolean(k)),
            Listener = Endpoint(c, "listener", Read(c, "listener", k => c.GetString(k)), minPort: 0),
            Advertised = advertised.Length == 0 ? null : Endpoint(c, "advertised", advertised, minPort: 1),
            SocketRequestMaxBytes = (int)Size(c, "socket-request-max-bytes", int.MaxValue),
            MaxInFlightRequestsPerConnection = AtLeast(c, "max-in-flight-requests-per-connection", 1),
            RequestTimeout = Positive(c, "request-timeout"),
        };
    }

    /// <summary><c>host:port</c>, the host possibly a bracketed IPv6 address; names the key when it is not.</summary>
    internal static HostPort Endpoint(Config c, string key, string text, int minPort)
    {
        if (HostPort.TryParse(text, out var endpoint) && endpoint.Port >= minPort) return endpoint;
        throw new BrokerConfigException($"{Section}.{key}",
            $"{Section}.{key} must be host:port with a port from {minPort} to 65535 but is '{text}'");
    }

    private static T Read<T>(Config c, string key, Func<string, T> read)
    {
        if (!c.HasPath(key)) throw new BrokerConfigException($"{Section}.{key}", $"{Section}.{key} is missing");
        try
        {
            return read(key);
        }
        catch (Exception e) when (e is not BrokerConfigException)
        {
            throw new BrokerConfigException($"{Section}.{key}", $"{Section}.{key} cannot be read: {e.Message}", e);
        }
    }

    private static int AtLeast(Config c, string key, int min)
    {
        var value = Read(c, key, k => c.GetInt(k));
        return value >= min ? value : throw new BrokerConfigException($"{Section}.{key}", $"{Section}.{key} must be at least {min} but is {value}");
    }

    private static TimeSpan Positive(Config c, string key)
    {
        var value = Read(c, key, k => c.GetTimeSpan(k));
        return value > TimeSpan.Zero && value != Timeout.InfiniteTimeSpan
            ? value
            : throw new BrokerConfigException($"{Section}.{key}", $"{Section}.{key} must be a positive, finite duration but is {value}");
    }

    private static long Size(Config c, string key, long max)
    {
        var value = Read(c, key, k => c.GetByteSize(k)) ?? 0;
        return value > 0 && value <= max
            ? value
            : throw new BrokerConfigException($"{Section}.{key}",
                $"{Section}.{key} must be a byte size between 1 and {max.ToString(CultureInfo.InvariantCulture)} bytes (a Kafka size prefix is an int32) but is {value}");
    }
}
