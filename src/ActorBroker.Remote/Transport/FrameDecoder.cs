using System.Buffers;
using System.Buffers.Binary;

namespace ActorBroker.Remote.Transport;

/// <summary>
/// Splits a byte stream into frames: a 4-byte little-endian body length, then the body. The length is checked
/// against the configured maximum before anything is buffered, so a hostile length cannot make the node allocate.
/// </summary>
internal static class FrameDecoder
{
    public const int LengthPrefixSize = 4;

    /// <summary>
    /// Takes one complete frame body off the front of <paramref name="buffer"/>; false when more bytes are needed.
    /// Throws <see cref="FrameFormatException"/> for a length that is zero, negative or above <paramref name="maximumFrameSize"/>.
    /// </summary>
    public static bool TryReadFrame(ref ReadOnlySequence<byte> buffer, int maximumFrameSize, out ReadOnlySequence<byte> body)
    {
        body = default;
        if (buffer.Length < LengthPrefixSize) return false;
        Span<byte> prefix = stackalloc byte[LengthPrefixSize];
        buffer.Slice(0, LengthPrefixSize).CopyTo(prefix);
        var length = BinaryPrimitives.ReadInt32LittleEndian(prefix);
        if (length <= 0)
            throw new FrameFormatException($"frame length {length} is not positive");
        if (length > maximumFrameSize)
            throw new FrameFormatException($"frame of {length} bytes exceeds actorbroker.remote.maximum-frame-size ({maximumFrameSize} bytes)");
        if (buffer.Length < LengthPrefixSize + length) return false;
        body = buffer.Slice(LengthPrefixSize, length);
        buffer = buffer.Slice(LengthPrefixSize + length);
        return true;
    }
}
