namespace ActorBroker.Protocol;

/// <summary>Kafka's topic name rules.</summary>
public static class TopicNames
{
    public const int MaxLength = 249;

    /// <summary>Null when <paramref name="name"/> is a legal topic name, else why not (for an InvalidTopic error).</summary>
    public static string? Validate(string? name)
    {
        if (string.IsNullOrEmpty(name)) return "topic name is empty";
        if (name is "." or "..") return $"topic name cannot be '{name}'";
        if (name.Length > MaxLength) return $"topic name is {name.Length} characters long; the limit is {MaxLength}";
        foreach (var c in name)
            if (!(c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '.' or '_' or '-'))
                return $"topic name '{name}' contains '{c}'; only ASCII letters, digits, '.', '_' and '-' are allowed";
        return null;
    }
}
