using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;

namespace ActorBroker.Actors.Serialization;

/// <summary>
/// System.Text.Json for control-plane messages where convenience beats compactness. Bound only to
/// the types you bind it to; the manifest is the type's name without assembly version, so it
/// survives upgrades. Never used for record batches.
/// </summary>
public sealed class JsonMessageSerializer : Serializer
{
    public const int Id = 1;

    private static readonly ConcurrentDictionary<string, Type> TypesByManifest = new();
    private readonly JsonSerializerOptions _options;

    /// <summary>A serializer without a system: messages holding actor refs cannot be read back.</summary>
    public JsonMessageSerializer()
        : this(null)
    {
    }

    /// <summary>A serializer whose actor refs are written as paths and resolved through <paramref name="system"/>'s provider.</summary>
    public JsonMessageSerializer(ActorSystem? system)
    {
        _options = new JsonSerializerOptions();
        _options.Converters.Add(new ActorRefJsonConverter(system));
    }

    public override int Identifier => Id;

    public override string Manifest(object obj) => ManifestOf(obj.GetType());

    public override void ToBinary(object obj, IBufferWriter<byte> output)
    {
        using var writer = new Utf8JsonWriter(output);
        JsonSerializer.Serialize(writer, obj, obj.GetType(), _options);
    }

    public override object FromBinary(ReadOnlySpan<byte> bytes, string manifest)
    {
        var type = TypesByManifest.GetOrAdd(manifest, static m => Type.GetType(m, throwOnError: false)
            ?? throw new SerializationException($"JsonMessageSerializer: manifest '{m}' names no loadable type"));
        return JsonSerializer.Deserialize(bytes, type, _options)
            ?? throw new SerializationException($"JsonMessageSerializer: payload for '{manifest}' was JSON null");
    }

    internal static string ManifestOf(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";
}
