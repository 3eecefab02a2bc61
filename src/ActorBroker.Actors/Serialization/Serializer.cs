using System.Buffers;

namespace ActorBroker.Actors.Serialization;

/// <summary>
/// Turns objects into bytes and back. Each serializer has a unique <see cref="Identifier"/> that
/// is stored with the bytes (in journals and on the wire), plus a manifest string that tells it which
/// type to rebuild. Identifiers below 100 are reserved for ActorBroker.
/// </summary>
public abstract class Serializer
{
    public abstract int Identifier { get; }

    /// <summary>Tells <see cref="FromBinary"/> what to rebuild; empty when the serializer needs none.</summary>
    public abstract string Manifest(object obj);

    /// <summary>Writes <paramref name="obj"/> to <paramref name="output"/> (pooled buffers on the hot path).</summary>
    public abstract void ToBinary(object obj, IBufferWriter<byte> output);

    public abstract object FromBinary(ReadOnlySpan<byte> bytes, string manifest);

    public byte[] ToBinary(object obj)
    {
        var buffer = new ArrayBufferWriter<byte>();
        ToBinary(obj, buffer);
        return buffer.WrittenSpan.ToArray();
    }
}

/// <summary>Serialization failed; the message says for which type, serializer and manifest.</summary>
public sealed class SerializationException(string message, Exception? inner = null) : Exception(message, inner);
