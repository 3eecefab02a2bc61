namespace ActorBroker.Hocon;

/// <summary>
/// A HOCON document could not be parsed or its substitutions could not be resolved.
/// The message starts with <c>source:line:column:</c> so editors and terminals can jump to it.
/// </summary>
public sealed class HoconParseException : Exception
{
    /// <summary>Creates an exception pointing at a 1-based line and column of <paramref name="source"/>.</summary>
    public HoconParseException(string source, int line, int column, string reason)
        : base($"{source}:{line}:{column}: {reason}")
    {
        Source = source;
        Line = line;
        Column = column;
        Reason = reason;
    }

    /// <summary>
    /// The document's name, e.g. <c>reference.conf</c>. Hides <see cref="Exception.Source"/> (the throwing
    /// assembly) on purpose: for configuration errors the document is the useful source.
    /// </summary>
    public new string Source { get; }

    /// <summary>1-based line of the offending token.</summary>
    public int Line { get; }

    /// <summary>1-based column of the offending token.</summary>
    public int Column { get; }

    /// <summary>The message without the location prefix.</summary>
    public string Reason { get; }
}
