using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Configuration;
using Akka.Serialization;
using Akka.Util;

namespace ActorBroker.Protocol.Serialization.Wire;

/// <summary>
/// Takes the place of an Akka serializer whose messages carry other messages (Identify's message id, a selection's
/// payload, a pub-sub Send, a replicator envelope, a persistent payload...) and delegates to it, bounding how deep
/// such messages may nest and refusing actor selections that fan out (<see cref="InboundSelectionRules"/>). Each
/// nested payload is deserialized through <c>Serialization.Deserialize</c> by its serializer id, so with every
/// carrying serializer replaced by a guard, every level of nesting passes a guard: the 260 KB frame of Identify
/// inside Identify that overflowed the stack is refused at level <see cref="MaxDepth"/> with one
/// <see cref="SerializationException"/>, which Akka.Remote logs and drops while the association lives on.
/// </summary>
/// <remarks>
/// Configured as <c>akka.actor.serializers.&lt;name&gt;</c> with <c>serialization-settings.&lt;name&gt; { wraps =
/// "type", identifier = n }</c>: the wrapped type comes from our config, never from the wire, and the identifier is
/// checked against the wrapped serializer's so an Akka upgrade that renumbers fails at start-up. The guard is a
/// <see cref="SerializerWithStringManifest"/> so Akka passes it the manifest as text instead of loading the type it
/// names. A wrapped plain serializer that wants a type for its manifest (Akka's system messages, which Akka would
/// load by whatever name the sender gives) gets it only from the <c>manifest-types</c> listed beside it; any other
/// manifest is refused unresolved. A message that carries an exception (<c>exception-fields</c>: manifest and the
/// protobuf field of its ExceptionData) names only exception types already loaded (<see cref="WireExceptionTypes"/>).
/// A wrapped serializer whose assembly this process lacks (a client without
/// distributed data), or whose module's configuration the system did not load, leaves the guard refusing its id, as
/// Akka refuses an id it does not know.
/// </remarks>
internal sealed class NestingGuardSerializer : SerializerWithStringManifest
{
    /// <summary>Deeper than any message Akka or the project nests (about four levels); shallow enough for any stack.</summary>
    public const int MaxDepth = 32;

    // Deserialization of one inbound frame runs synchronously on one thread (the endpoint reader's), nested payloads
    // included, so a per-thread count is the nesting depth of the frame being read.
    [ThreadStatic] private static int _depth;

    private readonly int _identifier;
    private readonly string _wrapsName;
    private readonly Serializer? _inner;
    private readonly IReadOnlyDictionary<string, Type> _manifestTypes;
    private readonly IReadOnlyDictionary<string, int> _exceptionFields;

    public NestingGuardSerializer(ExtendedActorSystem system, Config settings) : base(system)
    {
        _identifier = settings.GetInt("identifier", -1);
        _wrapsName = settings.GetString("wraps", "");
        if (_identifier < 0 || _wrapsName.Length == 0)
            throw new ConfigurationException($"{nameof(NestingGuardSerializer)} needs akka.actor.serialization-settings.<name>.identifier and .wraps");
        _inner = CreateInner(system, settings);
        _manifestTypes = new Dictionary<string, Type>();
        _exceptionFields = new Dictionary<string, int>();
        if (_inner is null) return;
        _exceptionFields = settings.GetStringList("exception-fields", []).ToDictionary(
            entry => entry[..entry.LastIndexOf(':')],
            entry => int.Parse(entry[(entry.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture),
            StringComparer.Ordinal);
        _manifestTypes = settings.GetStringList("manifest-types", [])
            .Select(name => Type.GetType(name) ?? throw new ConfigurationException($"manifest-types of {_wrapsName} names [{name}], which is not a type"))
            .ToDictionary(type => type.TypeQualifiedName(), StringComparer.Ordinal);
        if (_inner.Identifier != _identifier)
            throw new ConfigurationException($"{_wrapsName} has identifier {_inner.Identifier}, not the {_identifier} configured for its guard");
        if (_inner is not SerializerWithStringManifest && _inner.IncludeManifest && _manifestTypes.Count == 0)
            throw new ConfigurationException($"{_wrapsName} wants a type as manifest; list the types it reads in manifest-types beside it");
    }

    /// <summary>Without settings there is nothing to wrap: the HOCON that names this class must give them.</summary>
    public NestingGuardSerializer(ExtendedActorSystem system) : this(system, Config.Empty)
    {
    }

    /// <summary>
    /// The wrapped serializer, or null when this process lacks its assembly or the system did not load its module's
    /// configuration (Akka's <c>serialization-identifiers</c> entry for it): a local system does not load Akka.Remote's.
    /// </summary>
    private Serializer? CreateInner(ExtendedActorSystem system, Config settings)
    {
        if (Type.GetType(_wrapsName) is not { } innerType) return null;
        var identifiers = system.Settings.Config.GetConfig("akka.actor.serialization-identifiers");
        if (identifiers.IsNullOrEmpty() || !identifiers.HasPath($"\"{innerType.FullName}, {innerType.Assembly.GetName().Name}\"")) return null;
        return (Serializer)(innerType.GetConstructor([typeof(ExtendedActorSystem), typeof(Config)]) is not null
            ? Activator.CreateInstance(innerType, system, settings)!
            : Activator.CreateInstance(innerType, system)!);
    }

    public override int Identifier => _identifier;

    public override byte[] ToBinary(object obj) => Inner.ToBinary(obj);

    // The same manifest Akka.Remote would send for the wrapped serializer, so stock Akka peers read it unchanged.
    public override string Manifest(object o) => Inner switch
    {
        SerializerWithStringManifest withManifest => withManifest.Manifest(o),
        { IncludeManifest: true } => o.GetType().TypeQualifiedName(),
        _ => "",
    };

    public override object FromBinary(byte[] bytes, string manifest)
    {
        manifest ??= ""; // Akka passes null where a frame has no manifest
        if (_depth >= MaxDepth)
            throw new SerializationException(
                $"Dropped a message nested more than {MaxDepth} levels deep (serializer id {_identifier}, manifest [{WireText.Excerpt(manifest)}])");
        if (_exceptionFields.TryGetValue(manifest, out var exceptionField) && WireExceptionTypes.Refusal(bytes, exceptionField) is { } exceptionRefusal)
            throw new SerializationException($"Dropped a message for serializer id {_identifier} with manifest [{WireText.Excerpt(manifest)}]: {exceptionRefusal}");
        _depth++;
        try
        {
            var message = Inner switch
            {
                SerializerWithStringManifest withManifest => withManifest.FromBinary(bytes, manifest),
                // Akka itself passes no type for an empty manifest; the wrapped serializer then reads its default.
                { IncludeManifest: true } => Inner.FromBinary(bytes, string.IsNullOrEmpty(manifest) ? null : ListedType(manifest)),
                _ => Inner.FromBinary(bytes, null),
            };
            if (message is ActorSelectionMessage selection && InboundSelectionRules.Refusal(selection) is { } refusal)
                throw new SerializationException($"Dropped an actor selection from the network: {refusal}");
            return message;
        }
        finally
        {
            _depth--;
        }
    }

    private Type ListedType(string manifest) => _manifestTypes.TryGetValue(manifest, out var type)
        ? type
        : throw new SerializationException($"Dropped a message for serializer id {_identifier} with manifest [{WireText.Excerpt(manifest)}]: not a type it reads; the type it names was not loaded");

    private Serializer Inner => _inner ?? throw new SerializationException(
        $"Serializer id {_identifier} ({_wrapsName}) is not available in this process");
}
