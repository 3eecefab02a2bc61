namespace ActorBroker.Protocol.Serialization.Wire;

/// <summary>Text that came from the network, made safe for one log line: bounded in length, no control characters.</summary>
internal static class WireText
{
    private const int MaxLength = 200;

    public static string Excerpt(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var span = text.AsSpan(0, Math.Min(text.Length, MaxLength));
        var cleaned = string.Create(span.Length, text, (chars, source) =>
        {
            for (var i = 0; i < chars.Length; i++) chars[i] = char.IsControl(source[i]) ? '?' : source[i];
        });
        return text.Length > MaxLength ? $"{cleaned}... ({text.Length} chars)" : cleaned;
    }
}
