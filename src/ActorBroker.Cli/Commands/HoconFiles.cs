using Akka.Configuration;

namespace ActorBroker.Cli.Commands;

/// <summary>
/// Loads a HOCON file a user names (a node's --config, a client's --command-config). Akka.NET 1.5's parser accepts
/// malformed HOCON silently (an unclosed brace or a dangling "key =" parses to an empty value), reads <c>${?VAR}</c>
/// as an empty string whether or not the variable is set, and leaves includes to a callback. So the project's strict
/// parser (ActorBroker.Hocon) reads the file, naming file, line and column on an error, and resolves its includes,
/// substitutions and environment variables; Akka is given that resolved document.
/// </summary>
internal static class HoconFiles
{
    public static Config Load(string path)
    {
        // Includes are looked up next to the file, not in the working directory.
        var resolved = ActorBroker.Hocon.ConfigurationFactory.ParseFile(path);
        return ConfigurationFactory.ParseString(resolved.ToHocon());
    }
}
