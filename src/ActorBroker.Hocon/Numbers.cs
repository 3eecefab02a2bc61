namespace ActorBroker.Hocon;

/// <summary>Splits values like <c>5s</c>, <c>1.5 MiB</c> into their number and unit.</summary>
internal static class Numbers
{
    public static bool TrySplit(string text, out string number, out string unit)
    {
        var end = text.StartsWith('-') ? 1 : 0;
        while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] == '.'))
            end++;
        number = text[..end];
        unit = text[end..].Trim();
        return number.Any(char.IsAsciiDigit);
    }
}
