using ActorBroker.Broker;
using ActorBroker.Broker.Security;
using ActorBroker.Kafka.Security;
using ActorBroker.Kafka.Security.Sasl;
using Akka.Actor;
using ActorBroker.Kafka.Listener;
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

    /// <summary>Whether and how requests are checked against ACLs.</summary>
    public AuthorizationSettings Authorization { get; init; } = AuthorizationSettings.Off;

    /// <summary>Whether clients authenticate (SASL) or not (PLAINTEXT, Kafka's default).</summary>
    public KafkaSecurityProtocol SecurityProtocol { get; init; } = KafkaSecurityProtocol.Plaintext;

    /// <summary>The SASL mechanisms a client may pick on a SASL listener, as SaslHandshake lists them.</summary>
    public IReadOnlyList<string> SaslEnabledMechanisms { get; init; } = ["SCRAM-SHA-256", "SCRAM-SHA-512"];

    /// <summary>Largest request before a client has authenticated (Kafka's sasl.server.max.receive.size).</summary>
    public int SaslMaxReceiveBytes { get; init; } = 512 * 1024;

    /// <summary>How long the answer to a failed SASL login waits before the connection closes (Kafka's connection.failed.authentication.delay.ms).</summary>
    public TimeSpan ConnectionFailedAuthenticationDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The listener's certificate for SSL and SASL_SSL; null when none is configured.</summary>
    public KafkaTls? Tls { get; init; }

    /// <summary>Open connections the listener holds at most (Kafka's max.connections); one more is closed at once.</summary>
    public int MaxConnections { get; init; } = 4096;

    /// <summary>Open connections from one IP address at most (Kafka's max.connections.per.ip).</summary>
    public int MaxConnectionsPerIp { get; init; } = 1024;

    /// <summary>A connection that sent no request for this long, with none unanswered, is closed (Kafka's connections.max.idle.ms).</summary>
    public TimeSpan ConnectionsMaxIdle { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>A new connection whose first request has not arrived in full within this is closed (the handshake deadline).</summary>
    public TimeSpan FirstRequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A request whose bytes began to arrive must arrive in full within this, or its connection is closed (slow drips).</summary>
    public TimeSpan RequestReceiveTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest size prefix of a connection's first request (the handshake frame limit); later ones may reach <see cref="SocketRequestMaxBytes"/>.</summary>
    public int FirstRequestMaxBytes { get; init; } = 2 * 1024 * 1024;

    /// <summary>Bytes of partly arrived requests the listener buffers over all connections (Kafka's queued.max.request.bytes).</summary>
    public long QueuedMaxRequestBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>The settings of <paramref name="system"/>'s configuration over the door's defaults.</summary>
    public static KafkaSettings Create(ActorSystem system) => FromConfig(KafkaConfig.WithDefaults(system.Settings.Config));

    /// <exception cref="BrokerConfigException">A value is missing, malformed or out of range; its path names the key.</exception>
    public static KafkaSettings FromConfig(Config config)
    {
        var section = config.GetConfig(Section) ?? throw new BrokerConfigException(Section, $"{Section} is missing");
        var c = new SettingsReader(section, Section);
        var advertised = c.String("advertised").Trim();
        var protocol = Protocol(c);
        var settings = new KafkaSettings
        {
            Enabled = c.Flag("enabled"),
            Listener = Endpoint(c, "listener", c.String("listener"), minPort: 0),
            Advertised = advertised.Length == 0 ? null : Endpoint(c, "advertised", advertised, minPort: 1),
            SocketRequestMaxBytes = (int)c.PositiveSize("socket-request-max-bytes", int.MaxValue, " (a Kafka size prefix is an int32)"),
            MaxInFlightRequestsPerConnection = c.AtLeast("max-in-flight-requests-per-connection", 1),
            RequestTimeout = c.Positive("request-timeout"),
            Authorization = AuthorizationSettings.Read(c, Section),
            SecurityProtocol = protocol,
            SaslEnabledMechanisms = Mechanisms(c),
            SaslMaxReceiveBytes = (int)c.PositiveSize("sasl-max-receive-size", int.MaxValue, " (a Kafka size prefix is an int32)"),
            ConnectionFailedAuthenticationDelay = c.NotNegative("connection-failed-authentication-delay"),
            Tls = ReadTls(c, protocol),
            MaxConnections = c.AtLeast("max-connections", 1),
            MaxConnectionsPerIp = c.AtLeast("max-connections-per-ip", 1),
            ConnectionsMaxIdle = c.Positive("connections-max-idle"),
            FirstRequestTimeout = c.Positive("first-request-timeout"),
            RequestReceiveTimeout = c.Positive("request-receive-timeout"),
            FirstRequestMaxBytes = (int)c.PositiveSize("first-request-max-bytes", int.MaxValue, " (a Kafka size prefix is an int32)"),
            QueuedMaxRequestBytes = c.PositiveSize("queued-max-request-bytes", long.MaxValue),
        };
        // The largest request must fit the budget with the read buffer it arrives in, or it could never arrive.
        if (settings.QueuedMaxRequestBytes < settings.SocketRequestMaxBytes + (long)KafkaConnection.ReadBufferSize)
            throw c.Error("queued-max-request-bytes",
                $"{Section}.queued-max-request-bytes must be at least socket-request-max-bytes plus {KafkaConnection.ReadBufferSize} bytes " +
                $"({settings.SocketRequestMaxBytes + (long)KafkaConnection.ReadBufferSize}) but is {settings.QueuedMaxRequestBytes}");
        return settings;
    }

    /// <summary>The keystore, required when the protocol is SSL or SASL_SSL, and the client certificates asked for.</summary>
    private static KafkaTls? ReadTls(SettingsReader c, KafkaSecurityProtocol protocol)
    {
        var location = c.String("ssl-keystore-location").Trim();
        var password = c.String("ssl-keystore-password");
        var clientAuth = c.String("ssl-client-auth").Trim().ToLowerInvariant() switch
        {
            "none" => KafkaClientAuth.None,
            "requested" => KafkaClientAuth.Requested,
            "required" => KafkaClientAuth.Required,
            var other => throw c.Error("ssl-client-auth", $"{Section}.ssl-client-auth must be none, requested or required but is '{other}'"),
        };
        var truststore = c.String("ssl-truststore-location").Trim();
        if (clientAuth != KafkaClientAuth.None && !protocol.UsesTls())
            throw c.Error("ssl-client-auth", $"{Section}.ssl-client-auth = {clientAuth.ToString().ToLowerInvariant()} needs security-protocol SSL or SASL_SSL, not {protocol.Name()}");
        if (clientAuth != KafkaClientAuth.None && truststore.Length == 0)
            throw c.Error("ssl-truststore-location", $"{Section}.ssl-truststore-location must name the CA certificate that clients' certificates chain to when ssl-client-auth is {clientAuth.ToString().ToLowerInvariant()}");
        if (location.Length > 0)
            return new KafkaTls(location, password.Length == 0 ? null : password) { ClientAuth = clientAuth, TruststoreLocation = truststore.Length == 0 ? null : truststore };
        return protocol.UsesTls()
            ? throw c.Error("ssl-keystore-location", $"{Section}.ssl-keystore-location must name the listener's certificate file when security-protocol is {protocol.Name()}")
            : null;
    }

    private static KafkaSecurityProtocol Protocol(SettingsReader c) => c.String("security-protocol").Trim().ToUpperInvariant() switch
    {
        "PLAINTEXT" => KafkaSecurityProtocol.Plaintext,
        "SASL_PLAINTEXT" => KafkaSecurityProtocol.SaslPlaintext,
        "SSL" => KafkaSecurityProtocol.Ssl,
        "SASL_SSL" => KafkaSecurityProtocol.SaslSsl,
        var other => throw c.Error("security-protocol", $"{Section}.security-protocol must be PLAINTEXT, SASL_PLAINTEXT, SSL or SASL_SSL but is '{other}'"),
    };

    /// <summary>Each a mechanism the door implements, named as Kafka names it (case matters, as in SaslHandshake); at least one.</summary>
    private static IReadOnlyList<string> Mechanisms(SettingsReader c)
    {
        var names = c.Read("sasl-enabled-mechanisms", (config, key) => config.GetStringList(key)).Select(n => n.Trim()).Distinct(StringComparer.Ordinal).ToList();
        var unknown = names.Where(n => !SaslMechanismNames.IsSupported(n)).ToList();
        if (unknown.Count > 0)
            throw c.Error("sasl-enabled-mechanisms",
                $"{Section}.sasl-enabled-mechanisms: {string.Join(", ", unknown.Select(n => $"'{n}'"))} not supported; choose among {string.Join(", ", SaslMechanismNames.Supported)}");
        return names.Count > 0 ? names : throw c.Error("sasl-enabled-mechanisms", $"{Section}.sasl-enabled-mechanisms is empty");
    }

    /// <summary><c>host:port</c>, the host possibly a bracketed IPv6 address; names the key when it is not.</summary>
    private static HostPort Endpoint(SettingsReader c, string key, string text, int minPort) =>
        HostPort.TryParse(text, out var endpoint) && endpoint.Port >= minPort
            ? endpoint
            : throw c.Error(key, $"{Section}.{key} must be host:port with a port from {minPort} to 65535 but is '{text}'");
}
