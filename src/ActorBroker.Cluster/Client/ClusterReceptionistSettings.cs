using ActorBroker.Hocon;

namespace ActorBroker.Cluster.Client;

/// <summary>The <c>actorbroker.cluster.client.receptionist</c> section, validated when read.</summary>
public sealed record ClusterReceptionistSettings
{
    private const string Section = "actorbroker.cluster.client.receptionist";

    /// <summary>Name of the receptionist under <c>/system</c>; clients' contact paths end with it.</summary>
    public required string Name { get; init; }

    /// <summary>Only members with this role serve as receptionists and contacts; null = every member.</summary>
    public required string? Role { get; init; }

    /// <summary>How many receptionist paths a client gets in <c>Contacts</c>.</summary>
    public required int NumberOfContacts { get; init; }

    /// <summary>How often a receptionist re-sends its service list to the others; changes are sent at once anyway.</summary>
    public required TimeSpan GossipInterval { get; init; }

    public static ClusterReceptionistSettings FromConfig(Config config)
    {
        var c = config.GetConfig(Section);
        var role = c.GetString("role", "").Trim();
        var settings = new ClusterReceptionistSettings
        {
            Name = c.GetString("name").Trim(),
            Role = role.Length == 0 ? null : role,
            NumberOfContacts = c.GetInt("number-of-contacts"),
            GossipInterval = c.GetTimeSpan("gossip-interval"),
        };
        if (settings.Name.Length == 0 || settings.Name.Contains('/'))
            Fail("name", $"must be a single actor name such as 'receptionist', was '{settings.Name}'");
        if (settings.NumberOfContacts < 1) Fail("number-of-contacts", $"must be at least 1, was {settings.NumberOfContacts}");
        if (settings.GossipInterval <= TimeSpan.Zero) Fail("gossip-interval", "must be positive");
        return settings;
    }

    private static void Fail(string key, string problem) =>
        throw new ConfigException($"{Section}.{key}", $"{Section}.{key} {problem}");
}
