using ActorBroker.Actors;
using ActorBroker.Hocon;

namespace ActorBroker.Cluster.Client;

/// <summary>
/// The <c>actorbroker.cluster.client</c> section: how a <see cref="ClusterClient"/> finds, watches and buffers for
/// a receptionist. Validated when read, so a bad value fails fast naming its full key.
/// </summary>
public sealed record ClusterClientSettings
{
    private const string Section = "actorbroker.cluster.client";

    /// <summary>Receptionist paths asked first, e.g. <c>abroker.tcp://broker@127.0.0.1:2552/system/receptionist</c>.</summary>
    public required IReadOnlyList<ActorPath> InitialContacts { get; init; }

    /// <summary>How often a client without a receptionist asks its contacts for one.</summary>
    public required TimeSpan EstablishingGetContactsInterval { get; init; }

    /// <summary>How often a connected client refreshes its contact list from its receptionist.</summary>
    public required TimeSpan RefreshContactsInterval { get; init; }

    public required TimeSpan HeartbeatInterval { get; init; }

    /// <summary>Silence tolerated on top of <see cref="HeartbeatInterval"/> before the receptionist counts as lost.</summary>
    public required TimeSpan AcceptableHeartbeatPause { get; init; }

    /// <summary>Messages kept while no receptionist is connected; 0 sends them straight to dead letters.</summary>
    public required int BufferSize { get; init; }

    /// <summary>Null = keep looking for a receptionist forever; otherwise the client stops after this long without one.</summary>
    public required TimeSpan? ReconnectTimeout { get; init; }

    /// <summary>Reads the section from <paramref name="system"/>'s config.</summary>
    public static ClusterClientSettings Create(ActorSystem system) => FromConfig(system.Config);

    public static ClusterClientSettings FromConfig(Config config)
    {
        var c = config.GetConfig(Section);
        var contacts = new List<ActorPath>();
        foreach (var text in c.GetStringList("initial-contacts"))
        {
            if (!ActorPath.TryParse(text, out var path) || !path.Address.HasGlobalScope || path.Elements.Count == 0)
                Fail("initial-contacts", $"'{text}' is not a receptionist path; expected e.g. abroker.tcp://broker@127.0.0.1:2552/system/receptionist");
            contacts.Add(path);
        }

        var settings = new ClusterClientSettings
        {
            InitialContacts = contacts,
            EstablishingGetContactsInterval = c.GetTimeSpan("establishing-get-contacts-interval"),
            RefreshContactsInterval = c.GetTimeSpan("refresh-contacts-interval"),
            HeartbeatInterval = c.GetTimeSpan("heartbeat-interval"),
            AcceptableHeartbeatPause = c.GetTimeSpan("acceptable-heartbeat-pause"),
            BufferSize = c.GetInt("buffer-size"),
            ReconnectTimeout = ClusterSettings.IsOff(c, "reconnect-timeout") ? null : c.GetTimeSpan("reconnect-timeout"),
        };
        foreach (var (key, value) in new[]
                 {
                     ("establishing-get-contacts-interval", settings.EstablishingGetContactsInterval),
                     ("refresh-contacts-interval", settings.RefreshContactsInterval),
                     ("heartbeat-interval", settings.HeartbeatInterval),
                     ("acceptable-heartbeat-pause", settings.AcceptableHeartbeatPause),
                     ("reconnect-timeout", settings.ReconnectTimeout ?? TimeSpan.MaxValue),
                 })
        {
            if (value <= TimeSpan.Zero) Fail(key, "must be positive");
        }

        // Buffering without a bound would let a client with no reachable contact eat all memory.
        if (settings.BufferSize is < 0 or > 10_000_000) Fail("buffer-size", $"must be between 0 and 10000000, was {settings.BufferSize}");
        return settings;
    }

    /// <summary>A copy with <paramref name="contacts"/> as initial contacts (for code that knows them at run time).</summary>
    public ClusterClientSettings WithInitialContacts(IEnumerable<ActorPath> contacts) => this with { InitialContacts = [.. contacts] };

    private static void Fail(string key, string problem) =>
        throw new ConfigException($"{Section}.{key}", $"{Section}.{key} {problem}");
}
