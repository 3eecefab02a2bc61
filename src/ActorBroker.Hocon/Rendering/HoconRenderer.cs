using System.Globalization;
using System.Text;
using ActorBroker.Hocon.Values;

namespace ActorBroker.Hocon.Rendering;

/// <summary>
/// Writes a resolved tree as HOCON. Strings are always quoted so that values such as "10" or
/// "true" keep their type when the output is parsed again.
/// </summary>
internal static class HoconRenderer
{
    private const string Indent = "  ";

    public static string Render(HoconObject root)
    {
        var builder = new StringBuilder();
        WriteFields(builder, root, 0);
        return builder.ToString();
    }

    private static void WriteFields(StringBuilder builder, HoconObject obj, int depth)
    {
        foreach (var key in obj.Keys)
        {
            var value = obj.Get(key)!;
            builder.Append(Indent.Repeat(depth)).Append(RenderKey(key)).Append(value is HoconObject ? " " : " = ");
            WriteValue(builder, value, depth);
            builder.Append('\n');
        }
    }

    private static void WriteValue(StringBuilder builder, HoconValue value, int depth)
    {
        switch (value)
        {
            case HoconObject { Count: 0 }:
                builder.Append("{}");
                break;
            case HoconObject obj:
                builder.Append("{\n");
                WriteFields(builder, obj, depth + 1);
                builder.Append(Indent.Repeat(depth)).Append('}');
                break;
            case HoconArray array when array.Elements.All(e => e is HoconScalar):
                builder.Append('[').AppendJoin(", ", array.Elements.Select(e => RenderScalar((HoconScalar)e))).Append(']');
                break;
            case HoconArray array:
                builder.Append("[\n");
                foreach (var element in array.Elements)
                {
                    builder.Append(Indent.Repeat(depth + 1));
                    WriteValue(builder, element, depth + 1);
                    builder.Append(",\n");
                }

                builder.Append(Indent.Repeat(depth)).Append(']');
                break;
            case HoconScalar scalar:
                builder.Append(RenderScalar(scalar));
                break;
        }
    }

    private static string RenderScalar(HoconScalar scalar) =>
        scalar.Kind == HoconScalarKind.String ? Quote(scalar.Text) : scalar.Text;

    private static string RenderKey(string key) =>
        key.Length > 0 && key != "include" && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? key : Quote(key);

    private static string Quote(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\b' => "\\b",
                '\f' => "\\f",
                < ' ' => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return builder.Append('"').ToString();
    }

    private static string Repeat(this string text, int count) => string.Concat(Enumerable.Repeat(text, count));
}
