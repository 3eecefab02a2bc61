using ActorBroker.Actors;
using ActorBroker.Hocon;

namespace ActorBroker.Cluster.Singleton;

/// <summary>The <c>actorbroker.cluster.singleton-proxy</c> settings of a <see cref="ClusterSingletonProxy"/>.</summary>
public sealed record ClusterSingletonProxySettings
{
    private const string Section = "actorbroker.cluster.singleton-proxy";

    /// <summary>Name of the singleton actor under its manager; the same as the manager's setting.</summary>
    public string SingletonName { get; init; } = "singleton";

    /// <summary>The role the singleton runs on; null = any member. Must match the manager's.</summary>
    public string? Role { get; init; }

    /// <summary>How often the proxy looks for the singleton while it does not know where it runs.</summary>
    public TimeSpan SingletonIdentificationInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Messages kept while the singleton is unknown (e.g. during a hand-over); beyond it the oldest are dropped. 0 = none kept.</summary>
    public int BufferSize { get; init; } = 1000;

    /// <summary>The settings from <paramref name="system"/>'s configuration.</summary>
    public static ClusterSingletonProxySettings Create(ActorSystem system) => FromConfig(system.Config);

    public static ClusterSingletonProxySettings FromConfig(Config config)
    {
        var c = config.GetConfig(Section);
        var settings = new ClusterSingletonProxySettings
        {
            SingletonName = SingletonSettingsReader.Name(c, Section, "singleton-name"),
            Role = SingletonSettingsReader.Role(c),
            SingletonIdentificationInterval = SingletonSettingsReader.Positive(c, Section, "singleton-identification-interval"),
            BufferSize = c.GetInt("buffer-size"),
        };
        if (settings.BufferSize is < 0 or > 100_000)
            throw new ConfigException($"{Section}.buffer-size", $"{Section}.buffer-size must be between 0 and 100000 but is {settings.BufferSize}");
        return settings;
    }

    public ClusterSingletonProxySettings WithRole(string? role) => this with { Role = string.IsNullOrEmpty(role) ? null : role };

    public ClusterSingletonProxySettings WithSingletonName(string name) => this with { SingletonName = name };

    public ClusterSingletonProxySettings WithBufferSize(int size) => this with { BufferSize = size };
}
