using System.Globalization;
using ActorBroker.Cli.Commands;
using Akka.Configuration;

namespace ActorBroker.Cli.Quickstart;

/// <summary>
/// The quickstart's HOCON: hocon/quickstart.conf, embedded in the executable so the command runs from anywhere, with
/// each node's port and journal directory, or the client's bootstrap servers, laid over it. Every system's log goes
/// to the MEL logger factory the run gives it (a node's file, or the client's), through Akka.Hosting's logger.
/// </summary>
internal static class QuickstartConfig
{
    private static readonly Lazy<Config> File = new(LoadEmbedded);

    private static readonly Config LogToLoggerFactory = ConfigurationFactory.ParseString("""
        akka.loggers = ["Akka.Hosting.Logging.LoggerFactoryLogger, Akka.Hosting"]
        akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
        akka.coordinated-shutdown.exit-clr = off
        """);

    public static Config Base => File.Value;

    public static string SystemName => Base.GetString("actorbroker.node.system-name");

    /// <summary>A cluster member on <paramref name="port"/> (0 = any free one) with its own SQLite journal in <paramref name="dataDirectory"/>.</summary>
    public static Config Node(int port, string dataDirectory) =>
        ConfigurationFactory.ParseString($"""
            akka.remote.dot-netty.tcp.port = {port.ToString(CultureInfo.InvariantCulture)}
            actorbroker.persistence.journal.sqlite.data-directory = {HoconText.Quote(dataDirectory)}
            actorbroker.persistence.snapshot-store.sqlite.data-directory = {HoconText.Quote(dataDirectory)}
            """).WithFallback(LogToLoggerFactory).WithFallback(Base).WithFallback(NodeConfig.NodeDefaults);

    /// <summary>The client's system settings (the client adds remoting on a free port) and its bootstrap servers: every node.</summary>
    public static Config Client(IEnumerable<string> bootstrapServers) =>
        ConfigurationFactory.ParseString($"""
            actorbroker.client.bootstrap-servers = [{string.Join(", ", bootstrapServers.Select(HoconText.Quote))}]
            """).WithFallback(LogToLoggerFactory).WithFallback(Base);

    private static Config LoadEmbedded()
    {
        using var stream = typeof(QuickstartConfig).Assembly.GetManifestResourceStream("quickstart.conf")
            ?? throw new InvalidOperationException("quickstart.conf is missing from the actorbroker executable; the build must embed hocon/quickstart.conf");
        using var reader = new StreamReader(stream);
        return ConfigurationFactory.ParseString(reader.ReadToEnd());
    }
}
