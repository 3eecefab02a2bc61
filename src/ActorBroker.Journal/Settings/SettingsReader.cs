using System.Globalization;
using Akka.Configuration;

namespace ActorBroker.Journal.Settings;

/// <summary>
/// Validating getters over one plugin section: every bad or missing value fails with a
/// <see cref="ConfigurationException"/> that names the full key, e.g. <c>actorbroker.persistence.journal.sqlite.max-batch-size</c>.
/// </summary>
internal sealed class SettingsReader(Config section, string path)
{
    public string NonEmptyString(string key)
    {
        var raw = Raw(key);
        return string.IsNullOrWhiteSpace(raw) ? throw Bad(key, "must not be empty") : raw;
    }

    public int PositiveInt(string key)
    {
        var raw = Raw(key);
        return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw Bad(key, $"must be a positive integer, got '{raw}'");
    }

    /// <summary>A HOCON duration (<c>100ms</c>, <c>30s</c>); zero only when <paramref name="allowZero"/>.</summary>
    public TimeSpan Duration(string key, bool allowZero)
    {
        TimeSpan value;
        try
        {
            value = section.GetTimeSpan(key, null, allowInfinite: false);
        }
#pragma warning disable CA1031 // Akka's parser throws several exception types; all mean the same bad value.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            throw Bad(key, $"must be a duration such as 100ms or 30s, got '{Raw(key)}'", ex);
        }

        return value < TimeSpan.Zero || (!allowZero && value == TimeSpan.Zero)
            ? throw Bad(key, $"must be {(allowZero ? "zero or positive" : "positive")}, got '{Raw(key)}'")
            : value;
    }

    public SynchronousMode Synchronous(string key) => Raw(key).ToUpperInvariant() switch
    {
        "NORMAL" => SynchronousMode.Normal,
        "FULL" => SynchronousMode.Full,
        _ => throw Bad(key, $"must be normal or full, got '{Raw(key)}'"),
    };

    private string Raw(string key)
    {
        if (!section.HasPath(key))
        {
            throw Bad(key, "is missing");
        }

        try
        {
            return section.GetString(key) ?? "";
        }
#pragma warning disable CA1031 // An object where a value belongs: the same bad-value error.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            throw Bad(key, "must be a single value", ex);
        }
    }

    private ConfigurationException Bad(string key, string problem, Exception? inner = null) =>
        new($"{path}.{key} {problem}", inner);
}
