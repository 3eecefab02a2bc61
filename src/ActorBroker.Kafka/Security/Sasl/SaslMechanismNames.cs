using ActorBroker.Protocol.Security;

namespace ActorBroker.Kafka.Security.Sasl;

/// <summary>The SASL mechanisms the Kafka door implements, by the names clients ask for in SaslHandshake.</summary>
internal static class SaslMechanismNames
{
    public const string Plain = "PLAIN";

    public static IReadOnlyList<string> Supported { get; } = [ScramMechanism.ScramSha256.SaslName(), ScramMechanism.ScramSha512.SaslName(), Plain];

    public static bool IsSupported(string name) => Supported.Contains(name, StringComparer.Ordinal);
}
