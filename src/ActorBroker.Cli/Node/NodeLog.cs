using Microsoft.Extensions.Logging;

namespace ActorBroker.Cli.Node;

/// <summary>The node host's own log lines, with event ids to search for.</summary>
internal static partial class NodeLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning,
        Message = "actorbroker.tls.enabled = off: the cluster port of {Address} is unauthenticated and unencrypted. Anyone who can reach it can join the cluster, " +
                  "read and write every topic and read all traffic. Turn on mutual TLS (docs/security.md) unless the network itself is trusted.")]
    public static partial void PlaintextRemoting(ILogger logger, string address);
}
