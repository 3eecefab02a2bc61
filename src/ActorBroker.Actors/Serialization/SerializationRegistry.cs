using System.Buffers;
using System.Collections.Concurrent;
using ActorBroker.Hocon;

namespace ActorBroker.Actors.Serialization;

/// <summary>
/// Maps types to serializers (and serializer ids back to serializers), shared by persistence and
/// remoting. Bindings come from <c>actorbroker.actor.serializers</c> and <c>serialization-bindings</c>
/// or from <see cref="Bind"/>; a type binds to the serializer of its closest bound base type or interface.
/// </summary>
public sealed class SerializationRegistry
{
    private readonly ConcurrentDictionary<int, Serializer> _byId = new();
    // Remoting looks a serializer up by id for every inbound message; the built-in and usual ids are small.
    private readonly Serializer?[] _bySmallId = new Serializer?[64];
    private readonly ConcurrentDictionary<Type, Serializer> _bindings = new();
    private readonly ConcurrentDictionary<Type, Serializer?> _resolved = new();

    internal SerializationRegistry(ActorSystem system)
    {
        AddSerializer(new ByteArraySerializer());
        AddSerializer(new PrimitiveSerializer());
        AddSerializer(new JsonMessageSerializer(system));
        Bind(typeof(byte[]), ByteArraySerializer.Id);
        foreach (var t in new[] { typeof(string), typeof(int), typeof(long), typeof(bool), typeof(double) }) Bind(t, PrimitiveSerializer.Id);
        LoadFromConfig(system, system.Config.GetConfig("actorbroker.actor"));
    }

    public void AddSerializer(Serializer serializer)
    {
        if (!_byId.TryAdd(serializer.Identifier, serializer) && _byId[serializer.Identifier].GetType() != serializer.GetType())
            throw new SerializationException(
                $"Serializer id {serializer.Identifier} of {serializer.GetType().Name} is already used by {_byId[serializer.Identifier].GetType().Name}");
        if ((uint)serializer.Identifier < (uint)_bySmallId.Length) _bySmallId[serializer.Identifier] ??= _byId[serializer.Identifier];
    }

    /// <summary>Binds <paramref name="type"/> (and types deriving from it) to the serializer with <paramref name="serializerId"/>.</summary>
    public void Bind(Type type, int serializerId)
    {
        _bindings[type] = GetSerializerById(serializerId);
        _resolved.Clear();
    }

    public void Bind<T>(Serializer serializer)
    {
        AddSerializer(serializer);
        Bind(typeof(T), serializer.Identifier);
    }

    public Serializer GetSerializerById(int id) =>
        (uint)id < (uint)_bySmallId.Length && _bySmallId[id] is { } small ? small
        : _byId.TryGetValue(id, out var s) ? s
        : throw new SerializationException($"Unknown serializer id {id}: no serializer with that identifier is registered on this node");

    public Serializer FindSerializerFor(Type type) =>
        _resolved.GetOrAdd(type, Resolve)
        ?? throw new SerializationException(
            $"No serializer is bound to {type.FullName} or to any of its base types and interfaces; " +
            "bind one in actorbroker.actor.serialization-bindings or with SerializationRegistry.Bind");

    public SerializedPayload Serialize(object obj)
    {
        var output = new ArrayBufferWriter<byte>();
        var (serializerId, manifest) = Serialize(obj, output);
        return new SerializedPayload(serializerId, manifest, output.WrittenSpan.ToArray());
    }

    /// <summary>Writes <paramref name="obj"/>'s bytes to <paramref name="output"/> (e.g. a pooled buffer) and returns what reads them back.</summary>
    public (int SerializerId, string Manifest) Serialize(object obj, IBufferWriter<byte> output)
    {
        var serializer = FindSerializerFor(obj.GetType());
        try
        {
            var manifest = serializer.Manifest(obj);
            serializer.ToBinary(obj, output);
            return (serializer.Identifier, manifest);
        }
        catch (Exception e) when (e is not SerializationException)
        {
            throw new SerializationException($"{serializer.GetType().Name} failed to serialize {obj.GetType().FullName}: {e.Message}", e);
        }
    }

    public object Deserialize(ReadOnlySpan<byte> bytes, int serializerId, string manifest)
    {
        var serializer = GetSerializerById(serializerId);
        try
        {
            return serializer.FromBinary(bytes, manifest);
        }
        catch (Exception e) when (e is not SerializationException)
        {
            throw new SerializationException(
                $"{serializer.GetType().Name} (id {serializerId}) failed to deserialize manifest '{manifest}' ({bytes.Length} bytes): {e.Message}", e);
        }
    }

    private Serializer? Resolve(Type type)
    {
        if (_bindings.TryGetValue(type, out var exact)) return exact;
        // Closest base class first, then interfaces (most derived binding wins among candidates).
        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            if (_bindings.TryGetValue(t, out var s)) return s;
        }

        Type? best = null;
        foreach (var i in type.GetInterfaces())
        {
            if (_bindings.ContainsKey(i) && (best is null || best.IsAssignableFrom(i))) best = i;
        }

        return best is null ? null : _bindings[best];
    }

    private void LoadFromConfig(ActorSystem system, Config actorConfig)
    {
        // The built-in serializers can be named in serialization-bindings without declaring them (see reference.conf).
        var names = new Dictionary<string, int>
        {
            ["bytes"] = ByteArraySerializer.Id,
            ["primitives"] = PrimitiveSerializer.Id,
            ["json"] = JsonMessageSerializer.Id,
        };
        var serializers = actorConfig.GetConfig("serializers");
        foreach (var name in serializers.Keys)
        {
            var typeName = serializers.GetString(name);
            var type = Type.GetType(typeName, throwOnError: false)
                ?? throw new ConfigException($"actorbroker.actor.serializers.{name}", $"actorbroker.actor.serializers.{name}: type '{typeName}' was not found");
            var instance = CreateSerializer(type, system, name);
            AddSerializer(instance);
            names[name] = instance.Identifier;
        }

        var bindings = actorConfig.GetConfig("serialization-bindings");
        foreach (var typeName in bindings.Keys)
        {
            var serializerName = bindings.GetString(ConfigPathOf(typeName));
            var type = Type.GetType(typeName, throwOnError: false)
                ?? throw new ConfigException("actorbroker.actor.serialization-bindings", $"actorbroker.actor.serialization-bindings: type '{typeName}' was not found");
            if (!names.TryGetValue(serializerName, out var id))
                throw new ConfigException("actorbroker.actor.serialization-bindings", $"actorbroker.actor.serialization-bindings: '{typeName}' is bound to '{serializerName}', which is not in actorbroker.actor.serializers");
            Bind(type, id);
        }
    }

    private static string ConfigPathOf(string key) => "\"" + key.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static Serializer CreateSerializer(Type type, ActorSystem system, string name)
    {
        if (!typeof(Serializer).IsAssignableFrom(type))
            throw new ConfigException($"actorbroker.actor.serializers.{name}", $"actorbroker.actor.serializers.{name}: '{type.FullName}' is not a Serializer");
        var withSystem = type.GetConstructor([typeof(ActorSystem)]);
        return (Serializer)(withSystem is not null ? withSystem.Invoke([system]) : Activator.CreateInstance(type)!);
    }
}

/// <summary>An object as stored or sent: serializer id, manifest and bytes.</summary>
public sealed record SerializedPayload(int SerializerId, string Manifest, byte[] Payload);
