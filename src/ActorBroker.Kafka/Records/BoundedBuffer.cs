using System.Buffers;

namespace ActorBroker.Kafka.Records;

/// <summary>
/// A pooled, growing buffer that never holds more than <see cref="Limit"/> bytes: what a decompressor writes into, so
/// that a small compressed batch (a bomb, or a size field that lies) costs at most what the topic would store.
/// </summary>
internal sealed class BoundedBuffer(int limit) : IDisposable
{
    private const int FirstSize = 64 * 1024;

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(Math.Min(limit, FirstSize));
    private int _length;

    public int Limit => limit;

    public int Length => _length;

    /// <summary>How many more bytes fit under the limit.</summary>
    public int Room => limit - _length;

    public Span<byte> Written => _buffer.AsSpan(0, _length);

    /// <summary>
    /// Free space of exactly <paramref name="size"/> bytes after what is written, growing the buffer if needed;
    /// <paramref name="size"/> must not exceed <see cref="Room"/>.
    /// </summary>
    public Span<byte> Free(int size)
    {
        if (size > Room) throw new ArgumentOutOfRangeException(nameof(size), size, $"only {Room} bytes are left under the limit of {limit}");
        if (_length + size > _buffer.Length)
        {
            // Doubling keeps copies amortised; the limit caps it.
            var grown = ArrayPool<byte>.Shared.Rent((int)Math.Min(limit, Math.Max((long)_length + size, 2L * _buffer.Length)));
            Written.CopyTo(grown);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = grown;
        }

        return _buffer.AsSpan(_length, size);
    }

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)count, (uint)(_buffer.Length - _length), nameof(count));
        _length += count;
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Free(bytes.Length));
        _length += bytes.Length;
    }

    /// <summary>
    /// The written bytes in an array of their own: the batch outlives this request (the broker keeps it), so it cannot
    /// stay in a pooled buffer, and an exact copy stores no slack.
    /// </summary>
    public byte[] ToArray() => Written.ToArray();

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        _length = 0;
    }
}
