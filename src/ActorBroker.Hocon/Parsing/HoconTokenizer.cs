using System.Globalization;
using System.Text;

namespace ActorBroker.Hocon.Parsing;

/// <summary>
/// Turns HOCON text into tokens. Comments vanish here but newlines survive, because newlines
/// separate fields and array elements just like commas do.
/// </summary>
internal sealed class HoconTokenizer(string text, string source)
{
    // Characters the spec forbids in unquoted strings; they must be quoted to be used as text.
    private const string Forbidden = "$\"{}[]:=,+#`^?!@*&\\";

    private readonly List<Token> _tokens = [];
    private int _pos;
    private int _line = 1;
    private int _column = 1;

    public List<Token> Tokenize()
    {
        while (_pos < text.Length)
            ReadToken();
        _tokens.Add(new Token(TokenKind.EndOfFile, "", _line, _column));
        return _tokens;
    }

    private void ReadToken()
    {
        var c = text[_pos];
        int line = _line, column = _column;
        switch (c)
        {
            case '\n':
                Advance(1);
                _tokens.Add(new Token(TokenKind.Newline, "\n", line, column));
                return;
            case '#':
                SkipComment();
                return;
            case '/' when Peek(1) == '/':
                SkipComment();
                return;
            case '{': Single(TokenKind.OpenBrace); return;
            case '}': Single(TokenKind.CloseBrace); return;
            case '[': Single(TokenKind.OpenBracket); return;
            case ']': Single(TokenKind.CloseBracket); return;
            case ',': Single(TokenKind.Comma); return;
            case ':' or '=': Single(TokenKind.Separator); return;
            case '+' when Peek(1) == '=':
                Advance(2);
                _tokens.Add(new Token(TokenKind.PlusEquals, "+=", line, column));
                return;
            case '"':
                ReadQuoted();
                return;
            case '$' when Peek(1) == '{':
                ReadSubstitution();
                return;
        }

        if (IsWhitespace(c))
            ReadWhile(TokenKind.Whitespace, IsWhitespace);
        else if (Forbidden.Contains(c))
            throw Error(line, column, $"unexpected character '{c}' (quote it to use it in a string)");
        else
            ReadUnquoted();
    }

    private static bool IsWhitespace(char c) => c != '\n' && (char.IsWhiteSpace(c) || c == '\uFEFF');

    private char Peek(int offset) => _pos + offset < text.Length ? text[_pos + offset] : '\0';

    private void Advance(int count)
    {
        for (var i = 0; i < count && _pos < text.Length; i++)
        {
            if (text[_pos] == '\n')
            {
                _line++;
                _column = 1;
            }
            else
            {
                _column++;
            }

            _pos++;
        }
    }

    private void Single(TokenKind kind)
    {
        _tokens.Add(new Token(kind, text[_pos].ToString(), _line, _column));
        Advance(1);
    }

    private void SkipComment()
    {
        while (_pos < text.Length && text[_pos] != '\n')
            Advance(1);
    }

    private void ReadWhile(TokenKind kind, Func<char, bool> accept)
    {
        int line = _line, column = _column, start = _pos;
        while (_pos < text.Length && accept(text[_pos]))
            Advance(1);
        _tokens.Add(new Token(kind, text[start.._pos], line, column));
    }

    private void ReadUnquoted()
    {
        int line = _line, column = _column, start = _pos;
        while (_pos < text.Length)
        {
            var c = text[_pos];
            if (c == '\n' || IsWhitespace(c) || Forbidden.Contains(c) || (c == '/' && Peek(1) == '/'))
                break;
            Advance(1);
        }

        _tokens.Add(new Token(TokenKind.Unquoted, text[start.._pos], line, column));
    }

    private void ReadSubstitution()
    {
        int line = _line, column = _column;
        Advance(2);
        var optional = Peek(0) == '?';
        if (optional)
            Advance(1);
        var start = _pos;
        var inQuotes = false;
        while (_pos < text.Length && (inQuotes || text[_pos] != '}'))
        {
            if (text[_pos] == '\n')
                break;
            if (text[_pos] == '"')
                inQuotes = !inQuotes;
            Advance(1);
        }

        if (_pos >= text.Length || text[_pos] != '}')
            throw Error(line, column, "unterminated substitution: expected '}'");
        var path = text[start.._pos];
        Advance(1);
        if (HoconPath.TryParse(path) is null)
            throw Error(line, column, $"invalid substitution path '{path}'");
        _tokens.Add(new Token(TokenKind.Substitution, path, line, column, optional));
    }

    private void ReadQuoted()
    {
        if (Peek(1) == '"' && Peek(2) == '"')
        {
            ReadTripleQuoted();
            return;
        }

        int line = _line, column = _column;
        Advance(1);
        var value = new StringBuilder();
        while (true)
        {
            if (_pos >= text.Length || text[_pos] == '\n')
                throw Error(line, column, "unterminated quoted string");
            var c = text[_pos];
            if (c == '"')
            {
                Advance(1);
                break;
            }

            if (c == '\\')
                value.Append(ReadEscape());
            else
            {
                value.Append(c);
                Advance(1);
            }
        }

        _tokens.Add(new Token(TokenKind.Quoted, value.ToString(), line, column));
    }

    private string ReadEscape()
    {
        int line = _line, column = _column;
        var kind = Peek(1);
        Advance(2);
        switch (kind)
        {
            case '"': return "\"";
            case '\\': return "\\";
            case '/': return "/";
            case 'b': return "\b";
            case 'f': return "\f";
            case 'n': return "\n";
            case 'r': return "\r";
            case 't': return "\t";
            case 'u':
                var hex = _pos + 4 <= text.Length ? text.Substring(_pos, 4) : "";
                if (!ushort.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                    throw Error(line, column, "invalid unicode escape: expected four hex digits after '\\u'");
                Advance(4);
                return ((char)code).ToString();
            default:
                throw Error(line, column, kind == '\0' ? "unterminated quoted string" : $"invalid escape sequence '\\{kind}'");
        }
    }

    private void ReadTripleQuoted()
    {
        int line = _line, column = _column;
        Advance(3);
        var start = _pos;
        var end = text.IndexOf("\"\"\"", _pos, StringComparison.Ordinal);
        if (end < 0)
            throw Error(line, column, "unterminated triple-quoted string");
        // Quotes right before the closing """ belong to the string ("""a""""" is a"").
        while (end + 3 < text.Length && text[end + 3] == '"')
            end++;
        Advance(end - start + 3);
        _tokens.Add(new Token(TokenKind.Quoted, text[start..end], line, column));
    }

    private HoconParseException Error(int line, int column, string reason) => new(source, line, column, reason);
}
