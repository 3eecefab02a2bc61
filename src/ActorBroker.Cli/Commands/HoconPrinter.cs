using System.Text.Json;
using Akka.Configuration;
using Akka.Configuration.Hocon;

namespace ActorBroker.Cli.Commands;

/// <summary>
/// Prints a config and its fallbacks merged, as HOCON that parses back to the same values. Akka.NET's own
/// <c>Config.ToString</c> leaves durations and type names in a form its parser cannot read again.
/// </summary>
internal static class HoconPrinter
{
    /// <summary>The merged object at <paramref name="path"/> (dot-separated keys), or null when there is none.</summary>
    public static string? Print(Config config, string? path = null)
    {
        var objects = Chain(config).ToList();
        foreach (var key in path?.Split('.') ?? [])
        {
            objects = Children(objects, key);
            if (objects.Count == 0) return null;
        }

        var output = new StringWriter();
        PrintObject(objects, 0, output);
        return output.ToString();
    }

    private static IEnumerable<HoconObject> Chain(Config config)
    {
        for (var c = config; c is not null && !c.IsEmpty; c = c.Fallback)
            if (c.Root.IsObject()) yield return c.Root.GetObject();
    }

    // An object key's value merges the objects of every config down the chain, until one sets the key to a non-object.
    private static List<HoconObject> Children(List<HoconObject> objects, string key)
    {
        var children = new List<HoconObject>();
        foreach (var o in objects)
        {
            if (!o.Items.TryGetValue(key, out var value)) continue;
            if (!value.IsObject()) break;
            children.Add(value.GetObject());
        }
        return children;
    }

    private static void PrintObject(List<HoconObject> objects, int depth, TextWriter output)
    {
        var indent = new string(' ', depth * 2);
        foreach (var key in objects.SelectMany(o => o.Items.Keys).Distinct().Order(StringComparer.Ordinal))
        {
            var first = objects.First(o => o.Items.ContainsKey(key)).Items[key];
            if (first.IsObject())
            {
                output.WriteLine($"{indent}{Quote(key)} {{");
                PrintObject(Children(objects, key), depth + 1, output);
                output.WriteLine($"{indent}}}");
            }
            else if (first.IsArray())
            {
                output.WriteLine($"{indent}{Quote(key)} = [{string.Join(", ", first.GetArray().Select(v => Quote(v.GetString())))}]");
            }
            else
            {
                output.WriteLine($"{indent}{Quote(key)} = {Quote(first.GetString())}");
            }
        }
    }

    // Plain words, numbers, durations and sizes stay bare; anything HOCON could read otherwise is quoted.
    private static string Quote(string? text) =>
        text is null ? "null" : text.Length > 0 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? text : JsonSerializer.Serialize(text);
}
