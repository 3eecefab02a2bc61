using ActorBroker.Hocon;
using Microsoft.Extensions.Logging;

namespace ActorBroker.Actors;

/// <summary>The runtime's settings, read once from the <c>actorbroker</c> section of the configuration.</summary>
public sealed class ActorSystemSettings
{
    public ActorSystemSettings(Config config)
    {
        var root = config.GetConfig("actorbroker");
        LogLevel = ParseLogLevel(root.GetString("loglevel", "Information"));
        LogDeadLetters = ReadDeadLetterLogLimit(root);
        LogDeadLettersDuringShutdown = root.GetBoolean("log-dead-letters-during-shutdown", false);
        var actor = root.GetConfig("actor");
        Provider = actor.GetString("provider", "local");
        DefaultMailboxCapacity = actor.GetInt("default-mailbox.mailbox-capacity", 0);
        if (DefaultMailboxCapacity < 0)
            throw new ConfigException("actorbroker.actor.default-mailbox.mailbox-capacity", "actorbroker.actor.default-mailbox.mailbox-capacity must be 0 (unbounded) or positive");
        StashCapacity = actor.GetInt("stash-capacity", 100_000);
        if (StashCapacity < 1) throw new ConfigException("actorbroker.actor.stash-capacity", "actorbroker.actor.stash-capacity must be positive");
        AskTimeout = actor.GetTimeSpan("ask-timeout", TimeSpan.FromSeconds(10));
    }

    public LogLevel LogLevel { get; }

    /// <summary>How many dead letters are logged before logging them stops (0 = none).</summary>
    public int LogDeadLetters { get; }

    public bool LogDeadLettersDuringShutdown { get; }

    public string Provider { get; }

    public int DefaultMailboxCapacity { get; }

    public int StashCapacity { get; }

    /// <summary>The timeout of an Ask that does not name one.</summary>
    public TimeSpan AskTimeout { get; }

    internal static LogLevel ParseLogLevel(string text) => text.Trim().ToUpperInvariant() switch
    {
        "TRACE" => LogLevel.Trace,
        "DEBUG" => LogLevel.Debug,
        "INFO" or "INFORMATION" => LogLevel.Information,
        "WARN" or "WARNING" => LogLevel.Warning,
        "ERROR" => LogLevel.Error,
        "CRITICAL" => LogLevel.Critical,
        "OFF" or "NONE" => LogLevel.None,
        _ => throw new ConfigException("actorbroker.loglevel", $"actorbroker.loglevel is '{text}'; expected one of TRACE, DEBUG, INFO, WARNING, ERROR, CRITICAL, OFF"),
    };

    private static int ReadDeadLetterLogLimit(Config root)
    {
        if (!root.HasPath("log-dead-letters")) return 10;
        var text = root.GetString("log-dead-letters");
        return text.ToLowerInvariant() switch
        {
            "off" or "false" or "no" => 0,
            "on" or "true" or "yes" => int.MaxValue,
            _ => root.GetInt("log-dead-letters"),
        };
    }
}
