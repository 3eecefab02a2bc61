using Akka.Configuration;

namespace ActorBroker.Client.Settings;

/// <summary>
/// The defaults of <c>actorbroker.client</c>, from hocon/reference.conf (embedded in this assembly, since Akka.NET
/// loads no reference configuration of ours). Settings read by the client fall back on them, so a file that sets
/// only a few keys still yields complete settings.
/// </summary>
public static class ClientConfig
{
    private static readonly Lazy<Config> Reference = new(LoadEmbedded);

    /// <summary>The <c>actorbroker.client</c> section with every default.</summary>
    public static Config Defaults => Reference.Value;

    /// <summary><paramref name="config"/> over the client defaults.</summary>
    public static Config WithDefaults(Config config) => config.WithFallback(Defaults);

    private static Config LoadEmbedded()
    {
        using var stream = typeof(ClientConfig).Assembly.GetManifestResourceStream("ActorBroker.Client.reference.conf")
            ?? throw new InvalidOperationException("reference.conf is missing from ActorBroker.Client; the build must embed hocon/reference.conf");
        using var reader = new StreamReader(stream);
        var reference = ConfigurationFactory.ParseString(reader.ReadToEnd());
        // Only our section: the file also holds the nodes' settings, which are no business of a client's system.
        return ConfigurationFactory.ParseString("actorbroker.client {}").WithFallback(Rooted(reference));
    }

    private static Config Rooted(Config reference) => reference.GetConfig(ClientSettings.Section).Root.AtKey("client").Root.AtKey("actorbroker");
}
