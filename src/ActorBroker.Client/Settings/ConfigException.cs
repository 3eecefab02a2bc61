using Akka.Configuration;

namespace ActorBroker.Client.Settings;

/// <summary>A client setting is missing or has a bad value; <see cref="Path"/> is its full HOCON key.</summary>
public sealed class ConfigException : ConfigurationException
{
    /// <summary>Creates an exception about the value at <paramref name="path"/>.</summary>
    public ConfigException(string path, string message, Exception? cause = null)
        : base(message, cause) => Path = path;

    /// <summary>The full dotted key of the bad value, e.g. <c>actorbroker.client.producer.linger</c>.</summary>
    public string Path { get; }
}
