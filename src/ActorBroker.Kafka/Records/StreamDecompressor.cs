using System.Runtime.InteropServices;

namespace ActorBroker.Kafka.Records;

/// <summary>
/// A codec whose decoder is a <see cref="Stream"/> (gzip, lz4 frames, zstd): read straight into the bounded output,
/// chunk by chunk, so the output never grows past the limit however much the stream would give.
/// </summary>
internal sealed class StreamDecompressor(Func<Stream, BoundedBuffer, Stream> decoder) : IRecordsDecompressor
{
    private const int Chunk = 16 * 1024;

    public bool TryDecompress(ReadOnlyMemory<byte> compressed, BoundedBuffer output)
    {
        using var decoding = decoder(AsStream(compressed), output);
        while (true)
        {
            if (output.Room == 0)
            {
                // Full exactly at the limit is fine; one byte more is too large.
                Span<byte> probe = stackalloc byte[1];
                return decoding.Read(probe) == 0;
            }

            var read = decoding.Read(output.Free(Math.Min(Chunk, output.Room)));
            if (read == 0) return true;
            output.Advance(read);
        }
    }

    private static MemoryStream AsStream(ReadOnlyMemory<byte> memory) =>
        MemoryMarshal.TryGetArray(memory, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(memory.ToArray(), writable: false);
}
