using ActorBroker.Hocon;

namespace ActorBroker.Cluster.Singleton;

/// <summary>Reads and checks the keys the singleton manager and proxy sections share.</summary>
internal static class SingletonSettingsReader
{
    public static string Name(Config c, string section, string key)
    {
        var name = c.GetString(key);
        if (name.Length == 0 || name.Contains('/') || name.Contains('$'))
            throw new ConfigException($"{section}.{key}", $"{section}.{key} must be a non-empty actor name without '/' or '$' but is '{name}'");
        return name;
    }

    public static string? Role(Config c)
    {
        var role = c.GetString("role", "");
        return role.Length == 0 ? null : role;
    }

    public static TimeSpan Positive(Config c, string section, string key)
    {
        var value = c.GetTimeSpan(key);
        return value > TimeSpan.Zero ? value : throw new ConfigException($"{section}.{key}", $"{section}.{key} must be positive");
    }
}
