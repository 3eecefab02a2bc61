using System.Text.RegularExpressions;

namespace ActorBroker.Persistence;

/// <summary>Validates configured table and schema names before they are spliced into SQL.</summary>
internal static partial class SqlIdentifier
{
    /// <summary>Returns the name double-quoted, or throws when it is not a plain identifier.</summary>
    public static string Quote(string name, string optionName)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 63 || !PlainIdentifier().IsMatch(name))
        {
            throw new ArgumentException(
                $"{optionName} '{name}' is not a valid identifier (letters, digits and '_', not starting with a digit, at most 63 characters).",
                optionName);
        }

        return "\"" + name + "\"";
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainIdentifier();
}
