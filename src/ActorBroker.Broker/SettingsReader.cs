using System.Globalization;
using Akka.Configuration;

namespace ActorBroker.Broker;

/// <summary>
/// Reads the keys of one HOCON section (the broker's, the Kafka door's), turning a missing, malformed or out-of-range
/// value into a <see cref="BrokerConfigException"/> that names the full key, so a bad setting stops the node with it.
/// </summary>
internal readonly struct SettingsReader(Config section, string sectionPath)
{
    public T Read<T>(string key, Func<Config, string, T> read)
    {
        if (!section.HasPath(key)) throw Error(key, $"{PathOf(key)} is missing");
        try
        {
            return read(section, key);
        }
        catch (Exception e) when (e is not BrokerConfigException)
        {
            throw new BrokerConfigException(PathOf(key), $"{PathOf(key)} cannot be read: {e.Message}", e);
        }
    }

    public string String(string key) => Read(key, (c, k) => c.GetString(k));

    public bool Flag(string key) => Read(key, (c, k) => c.GetBoolean(k));

    /// <summary>"off" (or false, no): a limit that is switched off.</summary>
    public bool IsOff(string key) => String(key).Trim().ToLowerInvariant() is "off" or "false" or "no";

    public int AtLeast(string key, int min)
    {
        var value = Read(key, (c, k) => c.GetInt(k));
        return value >= min ? value : throw Error(key, $"{PathOf(key)} must be at least {min} but is {value}");
    }

    public int Between(string key, int min, int max)
    {
        var value = Read(key, (c, k) => c.GetInt(k));
        return value >= min && value <= max ? value : throw Error(key, $"{PathOf(key)} must be between {min} and {max} but is {value}");
    }

    public TimeSpan Positive(string key)
    {
        var value = Read(key, (c, k) => c.GetTimeSpan(k));
        return value > TimeSpan.Zero && value != Timeout.InfiniteTimeSpan
            ? value
            : throw Error(key, $"{PathOf(key)} must be a positive, finite duration but is {value}");
    }

    /// <summary>A finite duration that may be zero (a delay that can be switched off).</summary>
    public TimeSpan NotNegative(string key)
    {
        var value = Read(key, (c, k) => c.GetTimeSpan(k));
        return value >= TimeSpan.Zero && value != Timeout.InfiniteTimeSpan
            ? value
            : throw Error(key, $"{PathOf(key)} must be zero or a positive, finite duration but is {value}");
    }

    /// <param name="why">Appended to the error, e.g. why the maximum is what it is.</param>
    public long PositiveSize(string key, long max, string? why = null)
    {
        var value = Read(key, (c, k) => c.GetByteSize(k)) ?? 0;
        return value > 0 && value <= max
            ? value
            : throw Error(key, $"{PathOf(key)} must be a byte size between 1 and {max.ToString(CultureInfo.InvariantCulture)} bytes{why} but is {value}");
    }

    public BrokerConfigException Error(string key, string message) => new(PathOf(key), message);

    private string PathOf(string key) => $"{sectionPath}.{key}";
}
