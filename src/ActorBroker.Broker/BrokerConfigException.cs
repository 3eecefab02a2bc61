using Akka.Configuration;

namespace ActorBroker.Broker;

/// <summary>A broker setting is missing, malformed or out of range; <see cref="Path"/> names its key.</summary>
public sealed class BrokerConfigException(string path, string message, Exception? inner = null) : ConfigurationException(message, inner!)
{
    /// <summary>The full key of the bad value, e.g. <c>actorbroker.broker.controller.retry-interval</c>.</summary>
    public string Path { get; } = path;
}
