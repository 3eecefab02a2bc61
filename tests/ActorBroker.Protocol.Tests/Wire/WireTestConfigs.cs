using Akka.Configuration;

namespace ActorBroker.Protocol.Tests.Wire;

internal static class WireTestConfigs
{
    /// <summary>Remoting on loopback with frames large enough for the 260 KB attack frame.</summary>
    public static Config Remote { get; } = ConfigurationFactory.ParseString("""
        akka.actor.provider = remote
        akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0, maximum-frame-size = 1MiB }
        akka.loglevel = WARNING
        """);
}
