namespace ActorBroker.Client.Settings;

/// <summary>The one way client settings report a bad value: a <see cref="ConfigException"/> naming the HOCON key and Kafka's name for it.</summary>
internal static class SettingsErrors
{
    public static ConfigException Fail(string path, string? kafkaName, string problem) =>
        new(path, kafkaName is null ? $"{path} {problem}" : $"{path} ({kafkaName}) {problem}");

    public static void Require(bool condition, string path, string? kafkaName, string problem)
    {
        if (!condition) throw Fail(path, kafkaName, problem);
    }

    /// <summary>Durations the protocol carries as int milliseconds must fit one.</summary>
    public static void RequireMillis(TimeSpan value, TimeSpan min, string path, string? kafkaName)
    {
        Require(value >= min, path, kafkaName, $"must be at least {min.TotalMilliseconds:0} ms, was {value.TotalMilliseconds:0} ms");
        Require(value.TotalMilliseconds <= int.MaxValue, path, kafkaName, $"must be at most {int.MaxValue} ms, was {value.TotalMilliseconds:0} ms");
    }
}
