namespace ActorBroker.Hocon.Parsing;

internal enum TokenKind
{
    EndOfFile,
    Newline,
    Whitespace,
    Comma,
    Separator,
    PlusEquals,
    OpenBrace,
    CloseBrace,
    OpenBracket,
    CloseBracket,
    Unquoted,
    Quoted,
    Substitution,
}
