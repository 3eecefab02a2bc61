using ActorBroker.Hocon.Values;

namespace ActorBroker.Hocon.Parsing;

internal sealed partial class HoconParser
{
    private bool IsInclude() =>
        Peek is { Kind: TokenKind.Unquoted, Text: "include" }
        && _tokens[_pos + 1].Kind == TokenKind.Whitespace
        && _tokens[_pos + 2] is { Kind: TokenKind.Quoted } or { Kind: TokenKind.Unquoted, Text: "file(" or "required(" or "classpath(" or "url(" };

    /// <summary>
    /// <c>include "x.conf"</c>, <c>include file("x.conf")</c> or <c>include required(file("x.conf"))</c>:
    /// the file's fields are merged into <paramref name="target"/> as if written here.
    /// </summary>
    private string ParseInclude(HoconObject target, IReadOnlyList<string>? prefix)
    {
        Next();
        SkipWhitespace();
        var openParens = 0;
        while (Peek.Kind == TokenKind.Unquoted && Peek.Text.EndsWith('('))
        {
            var kind = Peek.Text[..^1];
            if (kind is not ("file" or "required"))
                throw Error(Peek, $"include {kind}(...) is not supported; use include \"file\" or include file(\"file\")");
            openParens++;
            Next();
            SkipWhitespace();
        }

        if (Peek.Kind != TokenKind.Quoted)
            throw Error(Peek, $"expected a quoted file name after include but found {Peek.Describe()}");
        var name = Next();
        SkipClosingParens(openParens);

        IncludeFile(name, target, prefix);
        return $"include \"{name.Text}\"";
    }

    private void SkipClosingParens(int expected)
    {
        var closed = 0;
        while (closed < expected)
        {
            SkipWhitespace();
            if (Peek.Kind != TokenKind.Unquoted || Peek.Text.Any(c => c != ')') || closed + Peek.Text.Length > expected)
                throw Error(Peek, $"expected ')' to close the include but found {Peek.Describe()}");
            closed += Next().Text.Length;
        }
    }

    private void IncludeFile(Token name, HoconObject target, IReadOnlyList<string>? prefix)
    {
        string fullPath;
        try
        {
            fullPath = Path.GetFullPath(Path.Combine(_baseDirectory, name.Text));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw Error(name, $"invalid include file name \"{name.Text}\": {e.Message}");
        }

        if (!File.Exists(fullPath))
            throw Error(name, $"included file \"{name.Text}\" not found (looked for {fullPath})");
        if (_context.IsOpen(fullPath))
            throw Error(name, $"include cycle: \"{name.Text}\" is already being included");

        // Name the included file the way a reader would find it next to the including file.
        var source = Path.Combine(Path.GetDirectoryName(_source) ?? "", name.Text);
        Enter(name);
        _context.PushFile(fullPath);
        new HoconParser(File.ReadAllText(fullPath), source, Path.GetDirectoryName(fullPath)!, _context)
            .ParseRootInto(target, prefix);
        _context.PopFile();
        _context.Exit();
    }
}
