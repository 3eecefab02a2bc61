using ActorBroker.Actors;
using ActorBroker.Hocon;

namespace ActorBroker.Client.Settings;

/// <summary>
/// Reads one section of client settings over the reference configuration, so a file that sets only a few keys
/// still yields complete settings. Type errors come from <see cref="Config"/> and name the full key.
/// </summary>
internal sealed class SettingsReader(Config config, string section)
{
    private readonly Config _section = config.WithFallback(ReferenceConfig.Load()).GetConfig(section);

    public int Int(string key) => _section.GetInt(key);

    public long Bytes(string key) => _section.GetByteSize(key);

    /// <summary>A byte size that must fit an int, as the protocol's size fields are 32-bit.</summary>
    public int IntBytes(string key)
    {
        var value = _section.GetByteSize(key);
        return value <= int.MaxValue ? (int)value : throw SettingsErrors.Fail($"{section}.{key}", null, $"must be at most {int.MaxValue} bytes, was {value}");
    }

    public TimeSpan Duration(string key) => _section.GetTimeSpan(key);

    public string String(string key) => _section.GetString(key);

    public IReadOnlyList<string> StringList(string key) => _section.GetStringList(key);

    public Config Config => _section;
}
