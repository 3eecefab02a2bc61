using System.Buffers;
using System.Buffers.Binary;
using System.Net.Sockets;

namespace ActorBroker.Remote.Transport;

/// <summary>
/// Reads length-prefixed frames off a connected socket with blocking receives, for a thread that owns the connection.
/// A blocking receive wakes that thread straight from the kernel, where an asynchronous read takes a trip through
/// the socket engine's epoll thread and a thread-pool queue per batch of frames. Whole frames are parsed in place;
/// a partial frame is moved to the front of the buffer, which grows (up to the maximum frame size) only for a
/// frame larger than itself.
/// </summary>
internal sealed class SocketFrameReader(Socket socket, int maximumFrameSize, int bufferSize) : IDisposable
{
    private const int MinimumReadSize = 16 * 1024;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
    private int _start;
    private int _end;

    /// <summary>Bytes that were already read from the socket (e.g. past the handshake) come first.</summary>
    public void Prepend(ReadOnlySequence<byte> bytes)
    {
        EnsureRoom((int)bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_end));
        _end += (int)bytes.Length;
    }

    /// <summary>Reads until one whole frame is here and returns a copy of its body; null when the peer closes first.</summary>
    public byte[]? ReadOneFrame()
    {
        while (true)
        {
            if (FrameDecoder.TryReadFrame(_buffer.AsSpan(_start, _end - _start), maximumFrameSize, out var body))
            {
                _start += FrameDecoder.LengthPrefixSize + body.Length;
                return body.ToArray();
            }

            if (!ReceiveMore()) return null;
        }
    }

    /// <summary>
    /// Calls <paramref name="onFrame"/> with each frame body until it answers false or the peer closes (returns), or the
    /// socket fails (throws).
    /// </summary>
    public void Run<TState>(TState state, FrameHandler<TState> onFrame)
    {
        while (true)
        {
            var span = _buffer.AsSpan(_start, _end - _start);
            var consumed = 0;
            while (FrameDecoder.TryReadFrame(span[consumed..], maximumFrameSize, out var body))
            {
                consumed += FrameDecoder.LengthPrefixSize + body.Length;
                if (!onFrame(state, body))
                {
                    _start += consumed;
                    return;
                }
            }

            _start += consumed;
            if (!ReceiveMore()) return;
        }
    }

    private bool ReceiveMore()
    {
        var pending = _end - _start;
        // A frame's length is known once its prefix is here (and was checked by the decoder): make room for all of it.
        var needed = pending >= FrameDecoder.LengthPrefixSize
            ? FrameDecoder.LengthPrefixSize + BinaryPrimitives.ReadInt32LittleEndian(_buffer.AsSpan(_start))
            : FrameDecoder.LengthPrefixSize;
        EnsureRoom(needed - pending);
        var read = socket.Receive(_buffer.AsSpan(_end), SocketFlags.None);
        _end += read;
        return read > 0;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    /// <summary>
    /// Makes room for at least <paramref name="more"/> bytes after the data, and for a read of a useful size: a
    /// receive into a few free bytes at the end would cost a system call for almost nothing.
    /// </summary>
    private void EnsureRoom(int more)
    {
        var pending = _end - _start;
        var wanted = Math.Max(more, Math.Min(MinimumReadSize, bufferSize));
        if (pending == 0 && _buffer.Length > bufferSize && more <= bufferSize)
        {
            // A large frame made the buffer grow; give the memory back once it is consumed.
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
        }
        else if (_buffer.Length - _end >= wanted)
        {
            return;
        }
        else if (_buffer.Length - pending >= wanted)
        {
            _buffer.AsSpan(_start, pending).CopyTo(_buffer);
        }
        else
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(pending + wanted, _buffer.Length * 2));
            _buffer.AsSpan(_start, pending).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        _start = 0;
        _end = pending;
    }
}

/// <summary>Handles one frame body; false stops the reading.</summary>
internal delegate bool FrameHandler<in TState>(TState state, ReadOnlySpan<byte> body);
