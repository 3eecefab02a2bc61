using System.Globalization;
using Akka.Actor;
using Akka.Configuration;

namespace ActorBroker.Client.Settings;

/// <summary>
/// The <c>actorbroker.client</c> section: how a client reaches the cluster (bootstrap servers, the nodes' system
/// name), how often it refreshes metadata, and the admin client's timeouts. Producer and consumer settings carry
/// one of these.
/// </summary>
public sealed record ClientSettings
{
    public const string Section = "actorbroker.client";

    /// <summary>
    /// Nodes asked first for the cluster's receptionists (Kafka's <c>bootstrap.servers</c>): <c>host:port</c> of a node's
    /// remoting endpoint, a full address <c>akka.tcp://broker@host:port</c>, or a full receptionist path.
    /// </summary>
    public required IReadOnlyList<string> BootstrapServers { get; init; }

    /// <summary>The actor system name of the broker nodes (their <c>actorbroker.node.system-name</c>).</summary>
    public required string ClusterSystemName { get; init; }

    /// <summary>The name of an actor system a client creates for itself.</summary>
    public required string SystemName { get; init; }

    /// <summary>Metadata older than this is refreshed even without errors (<c>metadata.max.age.ms</c>).</summary>
    public required TimeSpan MetadataMaxAge { get; init; }

    /// <summary>How long one admin request may stay unanswered before it is sent again (admin <c>request.timeout.ms</c>).</summary>
    public required TimeSpan AdminRequestTimeout { get; init; }

    /// <summary>Pause before a retriable admin failure is retried (admin <c>retry.backoff.ms</c>).</summary>
    public required TimeSpan AdminRetryBackoff { get; init; }

    /// <summary>How long one admin call may take, retries included (<c>default.api.timeout.ms</c>).</summary>
    public required TimeSpan DefaultApiTimeout { get; init; }

    /// <summary>The settings of hocon/reference.conf.</summary>
    public static ClientSettings Default { get; } = FromConfig(Config.Empty);

    /// <summary>Reads <c>actorbroker.client</c> from <paramref name="config"/> (missing keys come from the reference configuration).</summary>
    public static ClientSettings FromConfig(Config config)
    {
        var r = new SettingsReader(config, Section);
        return new ClientSettings
        {
            BootstrapServers = r.StringList("bootstrap-servers"),
            ClusterSystemName = r.String("cluster-system-name"),
            SystemName = r.String("system-name"),
            MetadataMaxAge = r.Duration("metadata-max-age"),
            AdminRequestTimeout = r.Duration("admin.request-timeout"),
            AdminRetryBackoff = r.Duration("admin.retry-backoff"),
            DefaultApiTimeout = r.Duration("admin.default-api-timeout"),
        }.Validate();
    }

    /// <summary>Checks every value; throws <see cref="ConfigException"/> naming the key of the first bad one.</summary>
    public ClientSettings Validate()
    {
        _ = ReceptionistPaths();
        SettingsErrors.Require(IsSystemName(ClusterSystemName), $"{Section}.cluster-system-name", null,
            $"'{ClusterSystemName}' is not an actor system name (letters, digits, '-' and '_')");
        SettingsErrors.Require(IsSystemName(SystemName), $"{Section}.system-name", null,
            $"'{SystemName}' is not an actor system name (letters, digits, '-' and '_')");
        SettingsErrors.RequireMillis(MetadataMaxAge, TimeSpan.FromMilliseconds(1), $"{Section}.metadata-max-age", "metadata.max.age.ms");
        SettingsErrors.RequireMillis(AdminRequestTimeout, TimeSpan.FromMilliseconds(1), $"{Section}.admin.request-timeout", "request.timeout.ms");
        SettingsErrors.RequireMillis(AdminRetryBackoff, TimeSpan.Zero, $"{Section}.admin.retry-backoff", "retry.backoff.ms");
        SettingsErrors.RequireMillis(DefaultApiTimeout, TimeSpan.FromMilliseconds(1), $"{Section}.admin.default-api-timeout", "default.api.timeout.ms");
        return this;
    }

    /// <summary>
    /// The receptionist paths the bootstrap servers name, e.g. <c>127.0.0.1:2552</c> becomes
    /// <c>akka.tcp://broker@127.0.0.1:2552/system/receptionist</c> with the default cluster system name.
    /// </summary>
    /// <param name="protocol">The scheme of <c>host:port</c> entries: <c>akka.ssl.tcp</c> where remoting runs TLS.</param>
    public IReadOnlyList<ActorPath> ReceptionistPaths(string receptionistName = "receptionist", string protocol = "akka.tcp")
    {
        const string key = Section + ".bootstrap-servers";
        SettingsErrors.Require(BootstrapServers.Count > 0, key, "bootstrap.servers", "must name at least one node, e.g. [\"127.0.0.1:2552\"]");
        var paths = new List<ActorPath>(BootstrapServers.Count);
        foreach (var server in BootstrapServers)
        {
            var text = server.Trim();
            if (text.Contains("://", StringComparison.Ordinal))
            {
                if (!ActorPath.TryParse(text, out var path) || !path.Address.HasGlobalScope)
                    throw SettingsErrors.Fail(key, "bootstrap.servers", $"has '{server}', which is neither host:port nor an akka.tcp:// address");
                paths.Add(path.Elements.Count == 0 ? path / "system" / receptionistName : path);
                continue;
            }

            var colon = text.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
                throw SettingsErrors.Fail(key, "bootstrap.servers", $"has '{server}'; expected host:port with a port from 1 to 65535, e.g. 127.0.0.1:2552");
            var address = new Address(protocol, ClusterSystemName, text[..colon], port);
            paths.Add(new RootActorPath(address) / "system" / receptionistName);
        }

        return paths;
    }

    private static bool IsSystemName(string name) =>
        name.Length > 0 && char.IsAsciiLetterOrDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
