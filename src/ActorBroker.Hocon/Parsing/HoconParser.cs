using ActorBroker.Hocon.Values;

namespace ActorBroker.Hocon.Parsing;

/// <summary>
/// Recursive-descent parser producing an unresolved tree. Fields are parsed straight into the
/// object that already holds earlier values for the same key, so duplicate keys merge as they
/// are read and self-references (<c>a = ${a} [x]</c>, <c>a += x</c>) can see the earlier value.
/// </summary>
internal sealed partial class HoconParser
{
    private readonly List<Token> _tokens;
    private readonly string _source;
    private readonly string _baseDirectory;
    private readonly HoconParseContext _context;
    private int _pos;

    public HoconParser(string text, string source, string baseDirectory, HoconParseContext context)
    {
        _source = source;
        _baseDirectory = baseDirectory;
        _context = context;
        _tokens = new HoconTokenizer(text, source).Tokenize();
    }

    private Token Peek => _tokens[_pos];

    /// <summary>Parses a whole document (braced or not) into <paramref name="target"/>.</summary>
    public void ParseRootInto(HoconObject target, IReadOnlyList<string>? prefix)
    {
        SkipBlank();
        if (Peek.Kind == TokenKind.OpenBrace)
        {
            var open = Next();
            Enter(open);
            ParseObjectBody(target, prefix, open);
            _context.Exit();
            SkipBlank();
        }
        else
        {
            ParseObjectBody(target, prefix, null);
        }

        if (Peek.Kind != TokenKind.EndOfFile)
            throw Error(Peek, $"unexpected {Peek.Describe()} after the end of the root object");
    }

    private void ParseObjectBody(HoconObject target, IReadOnlyList<string>? prefix, Token? open)
    {
        var closing = open is null ? TokenKind.EndOfFile : TokenKind.CloseBrace;
        while (true)
        {
            SkipBlank();
            var t = Peek;
            if (t.Kind == closing)
            {
                if (open is not null)
                    Next();
                return;
            }

            if (t.Kind == TokenKind.EndOfFile)
                throw Error(t, $"expected '}}' to close the object opened at line {open!.Value.Line}, column {open.Value.Column}, but found end of input");
            if (t.Kind is TokenKind.CloseBrace or TokenKind.Comma)
                throw Error(t, $"unexpected {t.Describe()}");

            var what = IsInclude() ? ParseInclude(target, prefix) : ParseField(target, prefix);

            SkipWhitespace();
            t = Peek;
            if (t.Kind == TokenKind.Comma)
                Next();
            else if (t.Kind != TokenKind.Newline && t.Kind != closing)
                throw Error(t, $"expected ',' or a newline after {what} but found {t.Describe()}");
        }
    }

    private HoconValue ParseValue(IReadOnlyList<string>? fullPath, HoconObject? mergeTarget, string? key)
    {
        var parts = new List<HoconValue>();
        Token? pendingWhitespace = null;
        while (true)
        {
            var t = Peek;
            if (t.Kind == TokenKind.Whitespace)
            {
                if (parts.Count > 0)
                    pendingWhitespace = t;
                Next();
                continue;
            }

            if (t.Kind is not (TokenKind.Unquoted or TokenKind.Quoted or TokenKind.Substitution
                or TokenKind.OpenBrace or TokenKind.OpenBracket))
                break;

            if (pendingWhitespace is { } ws)
                parts.Add(HoconScalar.Whitespace(ws.Text, Origin(ws)));
            pendingWhitespace = null;
            parts.Add(ParseSingle(parts.Count == 0 ? mergeTarget : null, fullPath));
        }

        if (parts.Count == 0)
            throw Error(Peek, key is null ? $"expected a value but found {Peek.Describe()}" : $"expected a value for key '{key}' but found {Peek.Describe()}");
        return parts.Count == 1 ? parts[0] : new HoconConcatenation(parts);
    }

    private HoconValue ParseSingle(HoconObject? mergeTarget, IReadOnlyList<string>? fullPath)
    {
        var t = Next();
        switch (t.Kind)
        {
            case TokenKind.Unquoted:
                return HoconScalar.FromUnquoted(t.Text, Origin(t));
            case TokenKind.Quoted:
                return HoconScalar.String(t.Text, Origin(t));
            case TokenKind.Substitution:
                return new HoconSubstitution(HoconPath.TryParse(t.Text)!, t.Optional, Origin(t));
            case TokenKind.OpenBrace:
                Enter(t);
                var obj = mergeTarget ?? new HoconObject(Origin(t));
                ParseObjectBody(obj, fullPath, t);
                _context.Exit();
                return obj;
            default:
                return ParseArray(t);
        }
    }

    private HoconArray ParseArray(Token open)
    {
        Enter(open);
        var elements = new List<HoconValue>();
        while (true)
        {
            SkipBlank();
            var t = Peek;
            if (t.Kind == TokenKind.CloseBracket)
            {
                Next();
                break;
            }

            if (t.Kind == TokenKind.EndOfFile)
                throw Error(t, $"expected ']' to close the array opened at line {open.Line}, column {open.Column}, but found end of input");
            if (t.Kind == TokenKind.Comma)
                throw Error(t, "unexpected ','");

            elements.Add(ParseValue(null, null, null));
            SkipWhitespace();
            t = Peek;
            if (t.Kind == TokenKind.Comma)
                Next();
            else if (t.Kind is not (TokenKind.Newline or TokenKind.CloseBracket))
                throw Error(t, $"expected ',' or ']' in the array but found {t.Describe()}");
        }

        _context.Exit();
        return new HoconArray(Origin(open), elements);
    }

    private Token Next() => _tokens[_pos < _tokens.Count - 1 ? _pos++ : _pos];

    private void SkipWhitespace()
    {
        while (Peek.Kind == TokenKind.Whitespace)
            Next();
    }

    private void SkipBlank()
    {
        while (Peek.Kind is TokenKind.Whitespace or TokenKind.Newline)
            Next();
    }

    private void Enter(Token at)
    {
        if (!_context.TryEnter())
            throw Error(at, $"nesting deeper than {HoconParseContext.MaxDepth} levels");
    }

    private HoconOrigin Origin(Token t) => new(_source, t.Line, t.Column);

    private HoconParseException Error(Token t, string reason) => new(_source, t.Line, t.Column, reason);
}
