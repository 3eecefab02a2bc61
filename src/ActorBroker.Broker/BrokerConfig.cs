using Akka.Configuration;

namespace ActorBroker.Broker;

/// <summary>
/// The broker's default settings: the <c>actorbroker.broker</c> section of hocon/reference.conf, embedded in this
/// assembly because Akka.NET does not load our reference configuration by itself. A node's config falls back on it.
/// </summary>
public static class BrokerConfig
{
    private const string Resource = "ActorBroker.Broker.reference.conf";

    /// <summary>The <c>actorbroker.broker</c> section with every default, under its full path.</summary>
    public static Config Defaults { get; } = Load();

    /// <summary><paramref name="config"/> with the broker's defaults beneath it.</summary>
    public static Config WithDefaults(Config config) => config.WithFallback(Defaults);

    private static Config Load()
    {
        using var stream = typeof(BrokerConfig).Assembly.GetManifestResourceStream(Resource)
                           ?? throw new InvalidOperationException($"{Resource} is not embedded in {typeof(BrokerConfig).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        var reference = ConfigurationFactory.ParseString(reader.ReadToEnd());
        // Only the broker's own section: the other sections belong to their projects (or to the look-alike runtime).
        return reference.GetValue(BrokerSettings.Section).AtKey("broker").Root.AtKey("actorbroker");
    }
}
