using System.Buffers;

namespace ActorBroker.Remote.Transport;

/// <summary>
/// Encoded frames waiting for one socket write: a list of pooled buffers of <c>chunkSize</c> bytes that frames are
/// written into back to back. A frame never straddles two buffers; one larger than a buffer gets a buffer of its own.
/// Not thread-safe: the association fills one under its lock and hands it whole to the writer.
/// </summary>
internal sealed class OutboundFrames(int chunkSize) : IBufferWriter<byte>
{
    private readonly List<ArraySegment<byte>> _segments = [];
    private byte[]? _current;
    private int _written;

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        sizeHint = Math.Max(sizeHint, 1);
        if (_current is null || _current.Length - _written < sizeHint)
        {
            Seal();
            _current = ArrayPool<byte>.Shared.Rent(Math.Max(chunkSize, sizeHint));
        }

        return _current.AsSpan(_written);
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        GetSpan(sizeHint);
        return _current.AsMemory(_written);
    }

    public void Advance(int count) => _written += count;

    /// <summary>The frames as buffers for a gathering socket write; valid until <see cref="Clear"/>.</summary>
    public IList<ArraySegment<byte>> Segments()
    {
        Seal();
        return _segments;
    }

    /// <summary>Forgets the frames and gives the buffers back to the pool.</summary>
    public void Clear()
    {
        Seal();
        foreach (var segment in _segments) ArrayPool<byte>.Shared.Return(segment.Array!);
        _segments.Clear();
    }

    private void Seal()
    {
        if (_current is null) return;
        if (_written > 0) _segments.Add(new ArraySegment<byte>(_current, 0, _written));
        else ArrayPool<byte>.Shared.Return(_current);
        _current = null;
        _written = 0;
    }
}
