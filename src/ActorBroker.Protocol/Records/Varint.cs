namespace ActorBroker.Protocol.Records;

/// <summary>
/// Zig-zag variable-length integers as Kafka's record format uses them: small magnitudes, positive or negative,
/// take one byte. Reads are bounds-checked and return false on truncated or over-long input instead of throwing.
/// </summary>
public static class Varint
{
    public const int MaxInt32Bytes = 5;
    public const int MaxInt64Bytes = 10;

    public static int SizeOf(int value) => SizeOfUnsigned((uint)((value << 1) ^ (value >> 31)));

    public static int SizeOf(long value) => SizeOfUnsigned((ulong)((value << 1) ^ (value >> 63)));

    private static int SizeOfUnsigned(ulong v)
    {
        var size = 1;
        while (v >= 0x80) { v >>= 7; size++; }
        return size;
    }

    /// <summary>Writes <paramref name="value"/> at the start of <paramref name="destination"/>; returns the bytes written.</summary>
    public static int Write(Span<byte> destination, int value) => WriteUnsigned(destination, (uint)((value << 1) ^ (value >> 31)));

    public static int Write(Span<byte> destination, long value) => WriteUnsigned(destination, (ulong)((value << 1) ^ (value >> 63)));

    private static int WriteUnsigned(Span<byte> destination, ulong v)
    {
        var i = 0;
        while (v >= 0x80)
        {
            destination[i++] = (byte)(v | 0x80);
            v >>= 7;
        }
        destination[i++] = (byte)v;
        return i;
    }

    public static bool TryReadInt32(ReadOnlySpan<byte> source, out int value, out int bytesRead)
    {
        value = 0;
        if (!TryReadUnsigned(source, MaxInt32Bytes, out var raw, out bytesRead) || raw > uint.MaxValue) return false;
        var u = (uint)raw;
        value = (int)(u >> 1) ^ -(int)(u & 1);
        return true;
    }

    public static bool TryReadInt64(ReadOnlySpan<byte> source, out long value, out int bytesRead)
    {
        value = 0;
        if (!TryReadUnsigned(source, MaxInt64Bytes, out var u, out bytesRead)) return false;
        value = (long)(u >> 1) ^ -(long)(u & 1);
        return true;
    }

    private static bool TryReadUnsigned(ReadOnlySpan<byte> source, int maxBytes, out ulong value, out int bytesRead)
    {
        value = 0;
        for (var i = 0; i < maxBytes && i < source.Length; i++)
        {
            var b = source[i];
            value |= (ulong)(b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0)
            {
                bytesRead = i + 1;
                return true;
            }
        }
        bytesRead = 0;
        return false;
    }
}
