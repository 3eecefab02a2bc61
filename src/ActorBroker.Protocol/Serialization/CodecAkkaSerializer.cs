using System.Buffers;
using Akka.Actor;
using Akka.Serialization;

namespace ActorBroker.Protocol.Serialization;

/// <summary>
/// Adapts a binary codec of the project's (manifest, write into a buffer, read from a span) to Akka.NET's
/// <see cref="SerializerWithStringManifest"/>: the contract's and the broker's serializers differ only in their codec.
/// </summary>
public abstract class CodecAkkaSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    // A scratch buffer per thread: encoding needs no lock and, once warm, no growth. Akka wants an array of exactly the
    // message's size, so the bytes are copied once out of it; a buffer grown by one huge message is not kept.
    private const int MaxRetainedScratchBytes = 1 << 20;
    [ThreadStatic] private static ArrayBufferWriter<byte>? _scratch;

    /// <summary>What the codec encodes, for error messages: "broker protocol message", "partition journal event"...</summary>
    protected abstract string WhatItEncodes { get; }

    /// <summary>The manifest of <paramref name="message"/>, or null when the codec does not encode it.</summary>
    protected abstract string? ManifestOf(object message);

    /// <summary>Writes <paramref name="message"/>; false when the codec does not encode it.</summary>
    protected abstract bool TryWrite(object message, IBufferWriter<byte> output);

    /// <summary>Reads a message; malformed bytes or an unknown manifest throw <see cref="FormatException"/>.</summary>
    protected abstract object Read(byte[] bytes, string manifest);

    public sealed override string Manifest(object o) => ManifestOf(o) ?? throw Unsupported(o);

    public override byte[] ToBinary(object obj)
    {
        var scratch = _scratch ??= new ArrayBufferWriter<byte>(4096);
        try
        {
            if (!TryWrite(obj, scratch)) throw Unsupported(obj);
            return scratch.WrittenSpan.ToArray();
        }
        finally
        {
            if (scratch.Capacity > MaxRetainedScratchBytes) _scratch = null;
            else scratch.ResetWrittenCount();
        }
    }

    public sealed override object FromBinary(byte[] bytes, string manifest)
    {
        try
        {
            return Read(bytes, manifest);
        }
        catch (FormatException e)
        {
            throw new System.Runtime.Serialization.SerializationException($"malformed {WhatItEncodes} '{manifest}': {e.Message}", e);
        }
    }

    private System.Runtime.Serialization.SerializationException Unsupported(object o) =>
        new($"{GetType().Name} cannot serialize {o.GetType().FullName}: it is not a {WhatItEncodes}");
}
