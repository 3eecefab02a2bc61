using ActorBroker.Actors;
using ActorBroker.Hocon;

namespace ActorBroker.Cluster.Singleton;

/// <summary>The <c>actorbroker.cluster.singleton</c> settings of a <see cref="ClusterSingletonManager"/>.</summary>
public sealed record ClusterSingletonManagerSettings
{
    private const string Section = "actorbroker.cluster.singleton";

    /// <summary>Name of the singleton actor, a child of the manager.</summary>
    public string SingletonName { get; init; } = "singleton";

    /// <summary>Only members with this role host the singleton; null = any member.</summary>
    public string? Role { get; init; }

    /// <summary>How often the new oldest asks the previous one to hand over until it answers.</summary>
    public TimeSpan HandOverRetryInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// After a crashed (downed) oldest is removed, how long its successor waits before starting the singleton,
    /// so that the downed side has surely stopped its instance. Null = the split brain resolver's stable-after.
    /// </summary>
    public TimeSpan? RemovalMargin { get; init; }

    /// <summary>The settings from <paramref name="system"/>'s configuration.</summary>
    public static ClusterSingletonManagerSettings Create(ActorSystem system) => FromConfig(system.Config);

    public static ClusterSingletonManagerSettings FromConfig(Config config)
    {
        var c = config.GetConfig(Section);
        var settings = new ClusterSingletonManagerSettings
        {
            SingletonName = SingletonSettingsReader.Name(c, Section, "singleton-name"),
            Role = SingletonSettingsReader.Role(c),
            HandOverRetryInterval = SingletonSettingsReader.Positive(c, Section, "hand-over-retry-interval"),
            RemovalMargin = ClusterSettings.IsOff(c, "removal-margin") ? null : c.GetTimeSpan("removal-margin"),
        };
        if (settings.RemovalMargin < TimeSpan.Zero)
            throw new ConfigException($"{Section}.removal-margin", $"{Section}.removal-margin must not be negative");
        return settings;
    }

    public ClusterSingletonManagerSettings WithRole(string? role) => this with { Role = string.IsNullOrEmpty(role) ? null : role };

    public ClusterSingletonManagerSettings WithSingletonName(string name) => this with { SingletonName = name };
}
