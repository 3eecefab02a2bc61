namespace ActorBroker.Hocon.Values;

/// <summary>A <c>${path}</c> or <c>${?path}</c> reference, always relative to the document root.</summary>
internal sealed class HoconSubstitution(IReadOnlyList<string> path, bool optional, HoconOrigin origin) : HoconValue(origin)
{
    public IReadOnlyList<string> Path { get; } = path;

    public bool Optional { get; } = optional;

    public override bool IsUnresolved => true;

    public string PathText => HoconPath.Render(Path);

    public bool Refers(IReadOnlyList<string>? path) => path is not null && Path.SequenceEqual(path, StringComparer.Ordinal);

    public override string ToString() => Optional ? $"${{?{PathText}}}" : $"${{{PathText}}}";
}
