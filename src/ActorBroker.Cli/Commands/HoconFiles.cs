using Akka.Configuration;

namespace ActorBroker.Cli.Commands;

/// <summary>
/// Loads a HOCON file a user names (a node's --config, a client's --command-config). Akka.NET 1.5's parser accepts
/// malformed HOCON silently (an unclosed brace or a dangling "key =" parses to an empty value), so the file is first
/// checked by the project's strict parser (ActorBroker.Hocon), whose errors name the file, line and column.
/// </summary>
internal static class HoconFiles
{
    public static Config Load(string path)
    {
        var text = File.ReadAllText(path);
        ActorBroker.Hocon.ConfigurationFactory.ParseString(text, path);
        return ConfigurationFactory.ParseString(text);
    }
}
