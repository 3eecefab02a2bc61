namespace ActorBroker.Hocon.Parsing;

/// <summary>
/// One lexical token. For substitutions <see cref="Text"/> is the path between the braces
/// and <see cref="Optional"/> tells <c>${?x}</c> from <c>${x}</c>.
/// </summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Line, int Column, bool Optional = false)
{
    /// <summary>How the token reads in an error message.</summary>
    public string Describe() => Kind switch
    {
        TokenKind.EndOfFile => "end of input",
        TokenKind.Newline => "newline",
        TokenKind.Whitespace => "whitespace",
        TokenKind.Quoted => $"\"{Text}\"",
        TokenKind.Substitution => Optional ? $"'${{?{Text}}}'" : $"'${{{Text}}}'",
        _ => $"'{Text}'",
    };
}
