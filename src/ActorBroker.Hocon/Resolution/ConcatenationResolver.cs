using ActorBroker.Hocon.Values;

namespace ActorBroker.Hocon.Resolution;

/// <summary>Turns the resolved parts of a concatenation into one value, per the HOCON rules.</summary>
internal static class ConcatenationResolver
{
    /// <summary>Returns null when every part was an undefined optional substitution.</summary>
    public static HoconValue? Concatenate(HoconConcatenation source, List<HoconValue> parts)
    {
        HoconConcatenation.TrimWhitespace(parts);
        if (parts.Count <= 1)
            return parts.Count == 0 ? null : parts[0];

        // Whitespace between arrays or objects is layout; between simple values it is text.
        var solid = parts.Where(p => p is not HoconScalar { IsWhitespace: true }).ToList();
        if (solid.All(p => p is HoconArray))
            return new HoconArray(source.Origin, [.. solid.SelectMany(p => ((HoconArray)p).Elements)]);
        if (solid.All(p => p is HoconObject))
            return solid.Cast<HoconObject>().Aggregate((merged, next) => HoconMerge.Objects(next, merged));
        if (solid.FirstOrDefault(p => p is HoconArray or HoconObject) is { } complex)
        {
            var simple = solid.First(p => p is HoconScalar);
            throw new HoconParseException(source.Origin.Source, source.Origin.Line, source.Origin.Column,
                $"cannot concatenate {Describe(complex)} with {Describe(simple)}");
        }

        return HoconScalar.String(string.Concat(parts.Cast<HoconScalar>().Select(s => s.Text)), source.Origin);
    }

    private static string Describe(HoconValue value) => value switch
    {
        HoconArray => "an array",
        HoconObject => "an object",
        HoconScalar scalar => $"'{scalar.Text}'",
        _ => "a value",
    };
}
