namespace ActorBroker.Cli.Commands;

/// <summary>Turns command-line values into HOCON text, for the flag overrides laid over config files.</summary>
internal static class HoconText
{
    /// <summary>A quoted HOCON string: backslashes and quotes escaped, so any value stays one string.</summary>
    public static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
