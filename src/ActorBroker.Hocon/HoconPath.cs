using System.Text;

namespace ActorBroker.Hocon;

/// <summary>Dotted paths such as <c>a."b.c".d</c>, used by getters and by substitutions.</summary>
internal static class HoconPath
{
    /// <summary>Splits a path into segments; returns null when the path is malformed.</summary>
    public static string[]? TryParse(string path)
    {
        var segments = new List<string>();
        var current = new StringBuilder();
        var quotedSegment = false;
        var i = 0;
        while (i < path.Length)
        {
            var c = path[i];
            if (c == '"')
            {
                var end = path.IndexOf('"', i + 1);
                if (end < 0)
                    return null;
                current.Append(path, i + 1, end - i - 1);
                quotedSegment = true;
                i = end + 1;
            }
            else if (c == '.')
            {
                if (!Complete(segments, current, quotedSegment))
                    return null;
                quotedSegment = false;
                i++;
            }
            else
            {
                current.Append(c);
                i++;
            }
        }

        return Complete(segments, current, quotedSegment) ? [.. segments] : null;
    }

    public static string Render(IEnumerable<string> segments) => string.Join('.', segments.Select(RenderSegment));

    private static string RenderSegment(string segment) =>
        segment.Length > 0 && segment.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? segment : $"\"{segment}\"";

    private static bool Complete(List<string> segments, StringBuilder current, bool quoted)
    {
        var text = quoted ? current.ToString() : current.ToString().Trim();
        if (text.Length == 0 && !quoted)
            return false;
        segments.Add(text);
        current.Clear();
        return true;
    }
}
