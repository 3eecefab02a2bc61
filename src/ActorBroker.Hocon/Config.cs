using System.Collections.ObjectModel;
using ActorBroker.Hocon.Rendering;
using ActorBroker.Hocon.Values;

namespace ActorBroker.Hocon;

/// <summary>
/// An immutable, fully resolved configuration tree, read with dotted paths such as
/// <c>actorbroker.actor.default-dispatcher.throughput</c>. Safe to share and read from many threads.
/// </summary>
public sealed class Config
{
    private readonly HoconObject _root;

    // The full path of this sub-tree, so errors from GetConfig("a").GetInt("b") say 'a.b'.
    private readonly string _pathPrefix;

    internal Config(HoconObject root, string pathPrefix = "")
    {
        _root = root;
        _pathPrefix = pathPrefix;
        Keys = new ReadOnlyCollection<string>([.. root.Keys]);
    }

    /// <summary>A configuration without any values.</summary>
    public static Config Empty { get; } = new(new HoconObject(HoconOrigin.Unknown) { IsResolved = true });

    /// <summary>True when the root object has no fields.</summary>
    public bool IsEmpty => _root.Count == 0;

    /// <summary>The direct child keys of the root object, in document order.</summary>
    public IReadOnlyCollection<string> Keys { get; }

    /// <summary>True when <paramref name="path"/> holds a non-null value. Malformed paths are simply absent.</summary>
    public bool HasPath(string path) => HoconPath.TryParse(path) is { } segments && Find(segments) is not null;

    /// <summary>The sub-tree at <paramref name="path"/>, or <see cref="Empty"/> when there is none.</summary>
    /// <exception cref="ConfigException">The value at the path is not an object.</exception>
    public Config GetConfig(string path) => TryGet(path) switch
    {
        null => Empty,
        HoconObject obj => new Config(obj, FullPath(path)),
        var other => throw ValueConversions.WrongType(other, FullPath(path), "an object"),
    };

    /// <summary>Layers this configuration over <paramref name="fallback"/>: this wins, objects merge recursively.</summary>
    public Config WithFallback(Config fallback)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        if (fallback.IsEmpty)
            return this;
        return new Config(HoconMerge.Objects(_root, fallback._root), _pathPrefix);
    }

    public string GetString(string path) => ValueConversions.ToText(Require(path), FullPath(path));

    public string GetString(string path, string defaultValue) => Read(path, ValueConversions.ToText, defaultValue);

    /// <summary>Accepts true/false, yes/no and on/off.</summary>
    public bool GetBoolean(string path) => ValueConversions.ToBoolean(Require(path), FullPath(path));

    public bool GetBoolean(string path, bool defaultValue) => Read(path, ValueConversions.ToBoolean, defaultValue);

    public int GetInt(string path) => ValueConversions.ToInt(Require(path), FullPath(path));

    public int GetInt(string path, int defaultValue) => Read(path, ValueConversions.ToInt, defaultValue);

    public long GetLong(string path) => ValueConversions.ToLong(Require(path), FullPath(path));

    public long GetLong(string path, long defaultValue) => Read(path, ValueConversions.ToLong, defaultValue);

    public double GetDouble(string path) => ValueConversions.ToDouble(Require(path), FullPath(path));

    public double GetDouble(string path, double defaultValue) => Read(path, ValueConversions.ToDouble, defaultValue);

    /// <summary>Reads <c>200ms</c>, <c>5 s</c>, <c>1 minute</c>, <c>infinite</c>; a bare number is milliseconds.</summary>
    public TimeSpan GetTimeSpan(string path) => ValueConversions.ToTimeSpan(Require(path), FullPath(path));

    public TimeSpan GetTimeSpan(string path, TimeSpan defaultValue) => Read(path, ValueConversions.ToTimeSpan, defaultValue);

    /// <summary>Reads <c>64KiB</c>, <c>1MB</c> (10^6), <c>1MiB</c> (2^20), <c>512k</c>; a bare number is bytes.</summary>
    public long GetByteSize(string path) => ValueConversions.ToByteSize(Require(path), FullPath(path));

    public long GetByteSize(string path, long defaultValue) => Read(path, ValueConversions.ToByteSize, defaultValue);

    /// <summary>The list at <paramref name="path"/> as strings; empty when the path is missing.</summary>
    public IReadOnlyList<string> GetStringList(string path) =>
        TryGet(path) is { } value ? ValueConversions.ToStringList(value, FullPath(path)) : [];

    /// <summary>The list of objects at <paramref name="path"/>; empty when the path is missing.</summary>
    public IReadOnlyList<Config> GetConfigList(string path) =>
        TryGet(path) is { } value ? ValueConversions.ToConfigList(value, FullPath(path)) : [];

    /// <summary>Renders the tree as HOCON that parses back to the same values.</summary>
    public string ToHocon() => HoconRenderer.Render(_root);

    /// <inheritdoc cref="ToHocon"/>
    public override string ToString() => ToHocon();

    private T Read<T>(string path, Func<HoconValue, string, T> convert, T defaultValue) =>
        TryGet(path) is { } value ? convert(value, FullPath(path)) : defaultValue;

    private HoconValue Require(string path) =>
        TryGet(path) ?? throw new ConfigException(FullPath(path), $"No configuration value at '{FullPath(path)}'");

    private HoconValue? TryGet(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var segments = HoconPath.TryParse(path)
            ?? throw new ConfigException(FullPath(path), $"'{path}' is not a valid configuration path");
        return Find(segments);
    }

    // Null values count as missing, as in Lightbend's hasPath, so defaults apply to them.
    private HoconValue? Find(string[] segments)
    {
        HoconValue current = _root;
        foreach (var segment in segments)
        {
            if (current is not HoconObject obj || obj.Get(segment) is not { } child)
                return null;
            current = child;
        }

        return current is HoconScalar { Kind: HoconScalarKind.Null } ? null : current;
    }

    private string FullPath(string path) => _pathPrefix.Length == 0 ? path : $"{_pathPrefix}.{path}";
}
