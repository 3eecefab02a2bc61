using Akka.Configuration;

namespace ActorBroker.Kafka;

/// <summary>
/// The Kafka door's defaults: the <c>actorbroker.kafka</c> section of hocon/reference.conf, embedded in this assembly
/// because Akka.NET does not load our reference configuration by itself. A node's config falls back on it.
/// </summary>
public static class KafkaConfig
{
    private const string Resource = "ActorBroker.Kafka.reference.conf";

    /// <summary>The <c>actorbroker.kafka</c> section with every default, under its full path.</summary>
    public static Config Defaults { get; } = Load();

    /// <summary><paramref name="config"/> with the door's defaults beneath it.</summary>
    public static Config WithDefaults(Config config) => config.WithFallback(Defaults);

    private static Config Load()
    {
        using var stream = typeof(KafkaConfig).Assembly.GetManifestResourceStream(Resource)
                           ?? throw new InvalidOperationException($"{Resource} is not embedded in {typeof(KafkaConfig).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        var reference = ConfigurationFactory.ParseString(reader.ReadToEnd());
        // Only the door's own section: the others belong to their projects.
        return reference.GetValue(KafkaSettings.Section).AtKey("kafka").Root.AtKey("actorbroker");
    }
}
