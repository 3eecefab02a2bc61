using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using ActorBroker.Kafka.Wire;

namespace ActorBroker.Kafka.Tests.Support;

/// <summary>A socket that sends hand-made frames to a listener and reads its answers, for tests of the framing.</summary>
internal sealed class RawKafkaClient : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    private RawKafkaClient()
    {
    }

    /// <param name="from">The local address to connect from (e.g. 127.0.0.2, to be another client address on loopback).</param>
    public static async Task<RawKafkaClient> ConnectAsync(IPEndPoint endpoint, IPAddress? from = null)
    {
        var client = new RawKafkaClient();
        if (from is not null) client._socket.Bind(new IPEndPoint(from, 0));
        await client._socket.ConnectAsync(endpoint).WaitAsync(Timeout);
        return client;
    }

    public async Task SendAsync(byte[] bytes) => await _socket.SendAsync(bytes).WaitAsync(Timeout);

    /// <summary>Sends a request: size prefix, header v1 (or v2 with an empty tag section), then <paramref name="body"/>.</summary>
    public Task SendRequestAsync(short apiKey, short apiVersion, int correlationId, byte[] body, bool headerV2 = false) =>
        SendAsync(Request(apiKey, apiVersion, correlationId, body, headerV2));

    public static byte[] Request(short apiKey, short apiVersion, int correlationId, byte[] body, bool headerV2 = false)
    {
        using var writer = new KafkaWriter(flexible: false);
        writer.Int16(apiKey);
        writer.Int16(apiVersion);
        writer.Int32(correlationId);
        writer.NullableString("raw-test");
        if (headerV2) writer.UnsignedVarint(0);
        writer.Raw(body);
        return writer.Frame().ToArray();
    }

    /// <summary>The next response frame's bytes (without the size prefix).</summary>
    public async Task<byte[]> ReceiveFrameAsync()
    {
        var prefix = await ReceiveExactlyAsync(4);
        return await ReceiveExactlyAsync(BinaryPrimitives.ReadInt32BigEndian(prefix));
    }

    /// <summary>True when the listener closed the connection (end of stream or reset) before sending anything more.</summary>
    public async Task<bool> IsClosedByPeerAsync()
    {
        var buffer = new byte[1];
        try
        {
            return await _socket.ReceiveAsync(buffer).WaitAsync(Timeout) == 0;
        }
        catch (SocketException)
        {
            return true;
        }
    }

    public void Dispose() => _socket.Dispose();

    private async Task<byte[]> ReceiveExactlyAsync(int count)
    {
        var buffer = new byte[count];
        var read = 0;
        while (read < count)
        {
            var n = await _socket.ReceiveAsync(buffer.AsMemory(read)).AsTask().WaitAsync(Timeout);
            if (n == 0) throw new IOException($"the listener closed the connection after {read} of {count} bytes");
            read += n;
        }

        return buffer;
    }
}
