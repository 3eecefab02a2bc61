using System.Globalization;

namespace ActorBroker.Hocon.Values;

/// <summary>
/// A string, number, boolean or null. The source text is kept verbatim so that "1.50" stays "1.50"
/// when concatenated or rendered, and typed getters decide how to read it.
/// </summary>
internal sealed class HoconScalar(HoconScalarKind kind, string text, HoconOrigin origin, bool isWhitespace = false)
    : HoconValue(origin)
{
    public HoconScalarKind Kind { get; } = kind;

    public string Text { get; } = text;

    /// <summary>Whitespace between concatenated values: kept for strings, ignored for arrays and objects.</summary>
    public bool IsWhitespace { get; } = isWhitespace;

    public static HoconScalar String(string text, HoconOrigin origin) => new(HoconScalarKind.String, text, origin);

    public static HoconScalar Whitespace(string text, HoconOrigin origin) =>
        new(HoconScalarKind.String, text, origin, isWhitespace: true);

    /// <summary>Unquoted text is a number, boolean or null only when the whole token spells one.</summary>
    public static HoconScalar FromUnquoted(string text, HoconOrigin origin)
    {
        if (text is "true" or "false")
            return new HoconScalar(HoconScalarKind.Boolean, text, origin);
        if (text == "null")
            return new HoconScalar(HoconScalarKind.Null, text, origin);
        return IsNumber(text)
            ? new HoconScalar(HoconScalarKind.Number, text, origin)
            : String(text, origin);
    }

    private static bool IsNumber(string text)
    {
        var digits = text.StartsWith('-') ? text.AsSpan(1) : text.AsSpan();
        if (digits.IsEmpty || !char.IsAsciiDigit(digits[0]))
            return false;
        return double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture, out _);
    }
}
