using Akka.Configuration;

namespace ActorBroker.Client.Settings;

/// <summary>
/// Reads one section of client settings over the client defaults, so a file that sets only a few keys still yields
/// complete settings. Akka's getters report a bad value without its key, or not at all (a missing key reads as 0), so
/// every read is checked here and fails with a <see cref="ConfigException"/> naming the full key.
/// </summary>
internal sealed class SettingsReader(Config config, string section)
{
    private readonly Config _section = ClientConfig.WithDefaults(config).GetConfig(section) ?? Config.Empty;

    public int Int(string key) => Read(key, "a whole number", () => _section.GetInt(key));

    public long Bytes(string key) => Read(key, "a size in bytes, e.g. 16KiB", () => _section.GetByteSize(key) ?? throw new FormatException("no value"));

    /// <summary>A byte size that must fit an int, as the protocol's size fields are 32-bit.</summary>
    public int IntBytes(string key)
    {
        var value = Bytes(key);
        return value <= int.MaxValue ? (int)value : throw SettingsErrors.Fail($"{section}.{key}", null, $"must be at most {int.MaxValue} bytes, was {value}");
    }

    public TimeSpan Duration(string key) => Read(key, "a duration, e.g. 500ms", () => _section.GetTimeSpan(key, null, allowInfinite: false));

    public string String(string key) => Read(key, "a string", () => _section.GetString(key) ?? throw new FormatException("no value"));

    public IReadOnlyList<string> StringList(string key) => Read(key, "a list of strings", () => (IReadOnlyList<string>)[.. _section.GetStringList(key)]);

    private T Read<T>(string key, string expected, Func<T> read)
    {
        var path = $"{section}.{key}";
        if (!_section.HasPath(key)) throw new ConfigException(path, $"{path} is missing; expected {expected}");
        try
        {
            return read();
        }
        catch (Exception e) when (e is not ConfigException)
        {
            throw new ConfigException(path, $"{path} must be {expected}: {e.Message}", e);
        }
    }
}
