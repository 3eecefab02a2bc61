using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Configuration;
using Akka.Serialization;

namespace ActorBroker.Protocol.Serialization.Wire;

/// <summary>
/// Takes the place of an Akka serializer that builds objects of a type the sender names: Newtonsoft JSON (id 1, bound
/// to <see cref="object"/>), protobuf by type name (id 2, which runs the named type's constructor) and remote
/// deployment (id 3, which creates an actor of the named type). It keeps the identifier, so a frame that uses it is
/// dropped with an error naming the identifier and manifest, and it serializes nothing, so a message type without an
/// explicit binding fails loudly instead of travelling as JSON. Its identifier comes from
/// <c>akka.actor.serialization-settings.&lt;name&gt;.identifier</c>, one class serving every refused id.
/// </summary>
/// <remarks>
/// A <see cref="SerializerWithStringManifest"/> on purpose: Akka hands such a serializer the manifest as text, where
/// for a plain <see cref="Serializer"/> it would first load the type the manifest names.
/// </remarks>
internal sealed class RefusedSerializer : SerializerWithStringManifest
{
    private readonly int _identifier;
    private readonly string _reason;

    public RefusedSerializer(ExtendedActorSystem system, Config settings) : base(system)
    {
        _identifier = settings.GetInt("identifier", -1);
        if (_identifier < 0)
            throw new ConfigurationException($"{nameof(RefusedSerializer)} needs akka.actor.serialization-settings.<name>.identifier, the Akka identifier it takes over");
        _reason = settings.GetString("refused-because", "it is not used by this system");
    }

    /// <summary>Without settings there is no identifier to take over: the HOCON that names this class must give one.</summary>
    public RefusedSerializer(ExtendedActorSystem system) : this(system, Config.Empty)
    {
    }

    public override int Identifier => _identifier;

    public override byte[] ToBinary(object obj) => throw new SerializationException(
        $"No serializer is bound to {obj.GetType().FullName}; serializer id {_identifier} is refused on this system ({_reason}). Bind the type to a serializer in akka.actor.serialization-bindings");

    public override string Manifest(object o) => throw new SerializationException(
        $"No serializer is bound to {o.GetType().FullName}; serializer id {_identifier} is refused on this system ({_reason})");

    public override object FromBinary(byte[] bytes, string manifest) => throw new SerializationException(
        $"Dropped a message for serializer id {_identifier} with manifest [{WireText.Excerpt(manifest)}]: this serializer is refused on this system ({_reason}); the type it names was not loaded");
}
