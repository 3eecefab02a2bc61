using Akka.Configuration;

namespace ActorBroker.Tls;

/// <summary>A TLS setting is missing or wrong, or a file it names cannot be used; <see cref="Path"/> names its key.</summary>
public sealed class TlsConfigException(string path, string message, Exception? inner = null) : ConfigurationException(message, inner!)
{
    /// <summary>The full key of the bad value, e.g. <c>actorbroker.tls.certificate</c>.</summary>
    public string Path { get; } = path;
}
