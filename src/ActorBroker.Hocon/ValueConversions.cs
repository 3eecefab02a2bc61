using System.Globalization;
using ActorBroker.Hocon.Values;

namespace ActorBroker.Hocon;

/// <summary>Typed reads of resolved values, with errors that name the path, the value and its origin.</summary>
internal static class ValueConversions
{
    public static string ToText(HoconValue value, string path) =>
        value is HoconScalar scalar ? scalar.Text : throw WrongType(value, path, "a string");

    public static bool ToBoolean(HoconValue value, string path) =>
        (value as HoconScalar)?.Text.ToLowerInvariant() switch
        {
            "true" or "yes" or "on" => true,
            "false" or "no" or "off" => false,
            _ => throw WrongType(value, path, "a boolean (true/false, yes/no, on/off)"),
        };

    public static long ToLong(HoconValue value, string path) =>
        value is HoconScalar scalar && long.TryParse(scalar.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var result)
            ? result
            : throw WrongType(value, path, "an integer");

    public static int ToInt(HoconValue value, string path)
    {
        var result = ToLong(value, path);
        return result is >= int.MinValue and <= int.MaxValue
            ? (int)result
            : throw WrongType(value, path, "an integer in the 32-bit range");
    }

    public static double ToDouble(HoconValue value, string path) =>
        value is HoconScalar scalar && double.TryParse(scalar.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var result)
            ? result
            : throw WrongType(value, path, "a number");

    public static TimeSpan ToTimeSpan(HoconValue value, string path) =>
        value is HoconScalar scalar && Durations.TryParse(scalar.Text, out var result)
            ? result
            : throw WrongType(value, path, "a duration (e.g. 200ms, 5s, 1 minute, infinite)");

    public static long ToByteSize(HoconValue value, string path) =>
        value is HoconScalar scalar && ByteSizes.TryParse(scalar.Text, out var result)
            ? result
            : throw WrongType(value, path, "a byte size (e.g. 512KiB, 1MB, 10 bytes)");

    public static IReadOnlyList<string> ToStringList(HoconValue value, string path)
    {
        if (value is not HoconArray array)
            throw WrongType(value, path, "a list");
        return [.. array.Elements.Select((element, i) => ToText(element, $"{path}[{i}]"))];
    }

    public static IReadOnlyList<Config> ToConfigList(HoconValue value, string path)
    {
        if (value is not HoconArray array)
            throw WrongType(value, path, "a list");
        return [.. array.Elements.Select((element, i) => element is HoconObject obj
            ? new Config(obj, $"{path}[{i}]")
            : throw WrongType(element, $"{path}[{i}]", "an object"))];
    }

    public static ConfigException WrongType(HoconValue value, string path, string expected)
    {
        var origin = value.Origin == HoconOrigin.Unknown ? "" : $" (from {value.Origin})";
        var shown = value switch
        {
            HoconObject => "an object",
            HoconArray => "a list",
            HoconScalar scalar => $"'{scalar.Text}'",
            _ => "unresolved",
        };
        return new ConfigException(path, $"Config value at '{path}'{origin} is {shown}, which is not {expected}");
    }
}
