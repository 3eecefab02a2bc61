using ActorBroker.Hocon.Parsing;
using ActorBroker.Hocon.Resolution;
using ActorBroker.Hocon.Values;

namespace ActorBroker.Hocon;

/// <summary>Entry points for turning HOCON text into <see cref="Config"/>, as in Akka's ConfigurationFactory.</summary>
public static class ConfigurationFactory
{
    /// <summary>A configuration without any values.</summary>
    public static Config Empty => Config.Empty;

    /// <summary>
    /// Parses and resolves a HOCON document. <paramref name="sourceName"/> (e.g. <c>reference.conf</c>)
    /// names the document in error messages; includes resolve relative to the current directory.
    /// </summary>
    /// <exception cref="HoconParseException">The text is malformed or a substitution cannot be resolved.</exception>
    public static Config ParseString(string hocon, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(hocon);
        return Parse(hocon, sourceName ?? "<string>", Directory.GetCurrentDirectory(), null);
    }

    /// <summary>Parses and resolves a HOCON file; includes resolve relative to the file's directory.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="HoconParseException">The file is malformed or a substitution cannot be resolved.</exception>
    public static Config ParseFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
            throw new FileNotFoundException($"Configuration file '{path}' not found", fullPath);
        return Parse(File.ReadAllText(fullPath), path, Path.GetDirectoryName(fullPath)!, fullPath);
    }

    private static Config Parse(string text, string source, string baseDirectory, string? fullPath)
    {
        var context = new HoconParseContext();
        if (fullPath is not null)
            context.PushFile(fullPath);
        var root = new HoconObject(new HoconOrigin(source, 1, 1));
        new HoconParser(text, source, baseDirectory, context).ParseRootInto(root, []);
        SubstitutionResolver.Resolve(root);
        return new Config(root);
    }
}
