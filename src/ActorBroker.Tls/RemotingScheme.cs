using Akka.Configuration;

namespace ActorBroker.Tls;

/// <summary>
/// Akka.Remote names its transport by whether it runs TLS: <c>akka.tcp</c> or <c>akka.ssl.tcp</c>. A node with TLS has
/// no <c>akka.tcp</c> transport at all, so an address written with the other scheme is not refused, it is never tried.
/// </summary>
public static class RemotingScheme
{
    public const string Plain = "akka.tcp";
    public const string Tls = "akka.ssl.tcp";
    public const string SeedNodesKey = "akka.cluster.seed-nodes";

    public static string For(bool tls) => tls ? Tls : Plain;

    /// <summary>Fails naming <c>akka.cluster.seed-nodes</c> when a seed is written with the scheme this node does not speak.</summary>
    public static void RequireSeeds(Config config, bool tls)
    {
        if (!config.HasPath(SeedNodesKey)) return;
        var wrong = For(!tls) + "://";
        foreach (var seed in config.GetStringList(SeedNodesKey))
        {
            if (seed.StartsWith(wrong, StringComparison.Ordinal))
                throw new TlsConfigException(SeedNodesKey,
                    $"{SeedNodesKey} has '{seed}', but with {TlsSettings.EnabledKey} = {(tls ? "on" : "off")} nodes listen on {For(tls)}://: write {For(tls)}://{seed[wrong.Length..]} (or host:port with --seed-nodes)");
        }
    }
}
