using System.Globalization;

namespace ActorBroker.Hocon;

/// <summary>
/// Reads HOCON byte sizes. SI units (<c>kB</c>, <c>MB</c>) are powers of ten, IEC units and the
/// single letters (<c>KiB</c>, <c>M</c>, <c>k</c>) powers of two, as in the Lightbend spec.
/// </summary>
internal static class ByteSizes
{
    private static readonly Dictionary<string, decimal> BytesPerUnit = Build();

    /// <summary>A bare number is bytes. Negative sizes and sizes beyond <see cref="long.MaxValue"/> are rejected.</summary>
    public static bool TryParse(string text, out long value)
    {
        value = 0;
        if (!Numbers.TrySplit(text.Trim(), out var number, out var unit)
            || !BytesPerUnit.TryGetValue(unit, out var factor)
            || !decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            return false;

        var bytes = decimal.Round(amount * factor);
        if (bytes > long.MaxValue)
            return false;
        value = (long)bytes;
        return true;
    }

    private static Dictionary<string, decimal> Build()
    {
        var units = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var name in new[] { "", "B", "b", "byte", "bytes" })
            units[name] = 1;

        string[] prefixes = ["k", "m", "g", "t", "p", "e"];
        string[] si = ["kilo", "mega", "giga", "tera", "peta", "exa"];
        string[] iec = ["kibi", "mebi", "gibi", "tebi", "pebi", "exbi"];
        for (var i = 0; i < prefixes.Length; i++)
        {
            var power = i + 1;
            var decimalFactor = Pow(1000, power);
            var binaryFactor = Pow(1024, power);
            var upper = prefixes[i].ToUpperInvariant();
            foreach (var name in new[] { $"{upper}B", $"{si[i]}byte", $"{si[i]}bytes" })
                units[name] = decimalFactor;
            foreach (var name in new[] { upper, prefixes[i], $"{upper}i", $"{upper}iB", $"{iec[i]}byte", $"{iec[i]}bytes" })
                units[name] = binaryFactor;
        }

        units["kB"] = 1000;
        return units;
    }

    private static decimal Pow(int radix, int power)
    {
        decimal result = 1;
        for (var i = 0; i < power; i++)
            result *= radix;
        return result;
    }
}
