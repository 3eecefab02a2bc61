using System.Text.Json;
using System.Text.Json.Serialization;

namespace ActorBroker.Actors.Serialization;

/// <summary>
/// Writes an actor ref as its full path (with uid) and reads it back as a ref of the reading system, so a
/// ref inside a message sent to another node is usable there (a remote ref pointing back).
/// </summary>
internal sealed class ActorRefJsonConverter(ActorSystem? system) : JsonConverter<IActorRef>
{
    public override IActorRef? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        var text = reader.GetString() ?? throw new JsonException("An actor ref must be a path string");
        if (!ActorPath.TryParse(text, out var path)) throw new JsonException($"'{text}' is not an actor path");
        if (system is null)
            throw new SerializationException($"Cannot read actor ref '{text}': this JsonMessageSerializer was created without an actor system");
        return system.Provider.ResolveActorRef(path);
    }

    public override void Write(Utf8JsonWriter writer, IActorRef value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Path.ToSerializationFormat());
}
