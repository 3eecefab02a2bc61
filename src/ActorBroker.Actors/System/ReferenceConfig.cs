using ActorBroker.Hocon;

namespace ActorBroker.Actors;

/// <summary>The built-in defaults: hocon/reference.conf, embedded in this assembly.</summary>
public static class ReferenceConfig
{
    private static readonly Lazy<Config> Reference = new(LoadEmbedded);

    public static Config Load() => Reference.Value;

    private static Config LoadEmbedded()
    {
        using var stream = typeof(ReferenceConfig).Assembly.GetManifestResourceStream("reference.conf")
            ?? throw new InvalidOperationException("reference.conf is missing from ActorBroker.Actors; the build must embed hocon/reference.conf");
        using var reader = new StreamReader(stream);
        return ConfigurationFactory.ParseString(reader.ReadToEnd(), "reference.conf");
    }
}
