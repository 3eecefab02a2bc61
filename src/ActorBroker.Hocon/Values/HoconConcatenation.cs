namespace ActorBroker.Hocon.Values;

/// <summary>
/// Values written next to each other on one line (<c>foo bar</c>, <c>${base}/journal</c>,
/// <c>[1] [2]</c>). What they become depends on what the substitutions resolve to.
/// </summary>
internal sealed class HoconConcatenation(IReadOnlyList<HoconValue> parts, HoconOrigin? origin = null)
    : HoconValue(origin ?? parts[0].Origin)
{
    public IReadOnlyList<HoconValue> Parts { get; } = parts;

    public override bool IsUnresolved => true;

    /// <summary>Whitespace only separates values; at either end of a concatenation it means nothing.</summary>
    public static void TrimWhitespace(List<HoconValue> parts)
    {
        while (parts.Count > 0 && parts[^1] is HoconScalar { IsWhitespace: true })
            parts.RemoveAt(parts.Count - 1);
        while (parts.Count > 0 && parts[0] is HoconScalar { IsWhitespace: true })
            parts.RemoveAt(0);
    }
}
