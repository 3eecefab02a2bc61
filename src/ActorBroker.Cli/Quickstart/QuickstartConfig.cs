using System.Globalization;
using ActorBroker.Actors;
using ActorBroker.Cli.Commands;
using ActorBroker.Hocon;

namespace ActorBroker.Cli.Quickstart;

/// <summary>
/// The quickstart's HOCON: hocon/quickstart.conf, embedded in the executable so the command runs from anywhere, with
/// each node's port and journal directory, or the client's bootstrap servers, laid over it.
/// </summary>
internal static class QuickstartConfig
{
    private static readonly Lazy<Config> File = new(LoadEmbedded);

    public static Config Base => File.Value;

    public static string SystemName => Base.GetString("actorbroker.node.system-name");

    /// <summary>A cluster member on <paramref name="port"/> (0 = any free one) with its own SQLite journal in <paramref name="dataDirectory"/>.</summary>
    public static Config Node(int port, string dataDirectory) =>
        ConfigurationFactory.ParseString($"""
            actorbroker.actor.provider = cluster
            actorbroker.remote.port = {port.ToString(CultureInfo.InvariantCulture)}
            actorbroker.persistence.journal.plugin = sqlite
            actorbroker.persistence.sqlite.data-directory = {HoconText.Quote(dataDirectory)}
            """, "quickstart node").WithFallback(Base).WithFallback(ReferenceConfig.Load());

    /// <summary>The client's system (remoting on a free port, not a member) and its settings, bootstrapping from every node.</summary>
    public static Config Client(IEnumerable<string> bootstrapServers) =>
        ConfigurationFactory.ParseString($"""
            actorbroker.actor.provider = remote
            actorbroker.remote.port = 0
            actorbroker.client.bootstrap-servers = [{string.Join(", ", bootstrapServers.Select(HoconText.Quote))}]
            """, "quickstart client").WithFallback(Base).WithFallback(ReferenceConfig.Load());

    private static Config LoadEmbedded()
    {
        using var stream = typeof(QuickstartConfig).Assembly.GetManifestResourceStream("quickstart.conf")
            ?? throw new InvalidOperationException("quickstart.conf is missing from the actorbroker executable; the build must embed hocon/quickstart.conf");
        using var reader = new StreamReader(stream);
        return ConfigurationFactory.ParseString(reader.ReadToEnd(), "quickstart.conf");
    }
}
