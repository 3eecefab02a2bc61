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
        var length = CheckLength(BinaryPrimitives.ReadInt32LittleEndian(prefix), maximumFrameSize);
        if (buffer.Length < LengthPrefixSize + length) return false;
        body = buffer.Slice(LengthPrefixSize, length);
        buffer = buffer.Slice(LengthPrefixSize + length);
        return true;
    }

    /// <summary>
    /// The same for a contiguous span (slicing a sequence per frame costs more than parsing the frame): the body of
    /// the frame at the front of <paramref name="span"/>, which then covers <see cref="LengthPrefixSize"/> + its length.
    /// </summary>
    public static bool TryReadFrame(ReadOnlySpan<byte> span, int maximumFrameSize, out ReadOnlySpan<byte> body)
    {
        body = default;
        if (span.Length < LengthPrefixSize) return false;
        var length = CheckLength(BinaryPrimitives.ReadInt32LittleEndian(span), maximumFrameSize);
        if (span.Length - LengthPrefixSize < length) return false;
        body = span.Slice(LengthPrefixSize, length);
        return true;
    }

    private static int CheckLength(int length, int maximumFrameSize)
    {
        if (length <= 0)
            throw new FrameFormatException($"frame length {length} is not positive");
        if (length > maximumFrameSize)
            throw new FrameFormatException($"frame of {length} bytes exceeds actorbroker.remote.maximum-frame-size ({maximumFrameSize} bytes)");
        return length;
    }
}
