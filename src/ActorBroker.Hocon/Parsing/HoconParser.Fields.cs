using System.Text;
using ActorBroker.Hocon.Values;

namespace ActorBroker.Hocon.Parsing;

internal sealed partial class HoconParser
{
    /// <summary>Parses <c>key = value</c>, <c>key += value</c> or <c>key { ... }</c>; returns how to name it in errors.</summary>
    private string ParseField(HoconObject target, IReadOnlyList<string>? prefix)
    {
        var keyToken = Peek;
        var segments = ParseKey();
        var key = HoconPath.Render(segments);
        SkipWhitespace();
        var separator = Peek;
        if (separator.Kind is TokenKind.Separator or TokenKind.PlusEquals)
        {
            Next();
            SkipWhitespace();
        }
        else if (separator.Kind != TokenKind.OpenBrace)
        {
            throw Error(separator, $"expected '=' or ':' after key '{key}' but found {separator.Describe()}");
        }

        if (_context.Depth + segments.Count > HoconParseContext.MaxDepth)
            throw Error(keyToken, $"key '{key}' nests deeper than {HoconParseContext.MaxDepth} levels");

        var parent = target;
        for (var i = 0; i < segments.Count - 1; i++)
            parent = ChildObject(parent, segments[i], keyToken);

        IReadOnlyList<string>? fullPath = prefix is null ? null : [.. prefix, .. segments];
        Assign(parent, segments[^1], fullPath, separator.Kind == TokenKind.PlusEquals, key, Origin(keyToken));
        return $"the value of '{key}'";
    }

    private List<string> ParseKey()
    {
        var start = Peek;
        var segments = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        var any = false;
        while (true)
        {
            var t = Peek;
            if (t.Kind == TokenKind.Unquoted)
            {
                foreach (var c in t.Text)
                {
                    if (c != '.')
                    {
                        current.Append(c);
                        continue;
                    }

                    if (current.Length == 0 && !quoted)
                        throw Error(t, $"key '{t.Text}' has an empty path segment (quote keys that contain dots)");
                    segments.Add(current.ToString());
                    current.Clear();
                    quoted = false;
                }
            }
            else if (t.Kind == TokenKind.Quoted)
            {
                current.Append(t.Text);
                quoted = true;
            }
            else if (t.Kind == TokenKind.Whitespace && any && _tokens[_pos + 1].Kind is TokenKind.Unquoted or TokenKind.Quoted)
            {
                current.Append(t.Text);
            }
            else
            {
                break;
            }

            any = true;
            Next();
        }

        if (!any)
            throw Error(start, $"expected a key but found {start.Describe()}");
        if (current.Length == 0 && !quoted)
            throw Error(start, "key ends with '.' (quote keys that contain dots)");
        segments.Add(current.ToString());
        return segments;
    }

    private HoconObject ChildObject(HoconObject parent, string key, Token at)
    {
        var existing = parent.Get(key);
        if (existing is HoconObject obj)
            return obj;
        var created = new HoconObject(Origin(at));
        parent.Set(key, existing is { IsUnresolved: true } ? new HoconDelayedMerge(existing, created) : created);
        return created;
    }

    private void Assign(HoconObject parent, string key, IReadOnlyList<string>? fullPath, bool append, string display, HoconOrigin origin)
    {
        var existing = parent.Get(key);
        if (append)
        {
            var element = ParseValue(null, null, display);
            var array = new HoconArray(element.Origin, [element]);
            parent.Set(key, existing is null ? array : new HoconConcatenation([existing, array], origin));
            return;
        }

        var value = ParseValue(fullPath, existing as HoconObject, display);
        if (ReferenceEquals(value, existing))
            return;

        var consumedExisting = false;
        var replaced = ReplaceSelfReferences(value, fullPath, existing, ref consumedExisting);
        if (replaced is null)
            return;

        // Only a later object merges with an earlier one; when either side is still a substitution
        // we cannot know yet, so the decision waits for the resolver.
        var replaces = existing is null || consumedExisting || replaced is HoconScalar or HoconArray
            || (replaced is HoconObject && !existing.IsUnresolved);
        parent.Set(key, replaces ? replaced : new HoconDelayedMerge(existing!, replaced));
    }

    /// <summary>
    /// Substitutions of the field's own path mean "the value before this assignment"; looking
    /// that up after parsing would find the new value and loop, so it is wired in now.
    /// Returns null when nothing is left (an undefined optional self-reference).
    /// </summary>
    private static HoconValue? ReplaceSelfReferences(HoconValue value, IReadOnlyList<string>? fullPath, HoconValue? existing, ref bool consumed)
    {
        if (value is HoconSubstitution single && single.Refers(fullPath))
        {
            consumed = existing is not null;
            return existing ?? (single.Optional ? null : value);
        }

        if (value is not HoconConcatenation concatenation || !concatenation.Parts.Any(p => p is HoconSubstitution s && s.Refers(fullPath)))
            return value;

        var parts = new List<HoconValue>();
        foreach (var part in concatenation.Parts)
        {
            if (part is not HoconSubstitution s || !s.Refers(fullPath))
                parts.Add(part);
            else if (existing is not null)
                parts.Add(existing);
            else if (!s.Optional)
                parts.Add(part);
        }

        consumed = existing is not null;
        HoconConcatenation.TrimWhitespace(parts);
        return parts.Count switch
        {
            0 => null,
            1 => parts[0],
            _ => new HoconConcatenation(parts),
        };
    }
}
