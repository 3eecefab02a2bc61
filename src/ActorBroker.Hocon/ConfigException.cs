namespace ActorBroker.Hocon;

/// <summary>A requested configuration value is missing or cannot be read as the requested type.</summary>
public sealed class ConfigException : Exception
{
    /// <summary>Creates an exception about the value at <paramref name="path"/>.</summary>
    public ConfigException(string path, string message)
        : base(message)
    {
        Path = path;
    }

    /// <summary>The full dotted path that was asked for, e.g. <c>actorbroker.remote.port</c>.</summary>
    public string Path { get; }
}
