using System.Buffers;

namespace ActorBroker.Remote.Transport;

/// <summary>
/// A message serialized for the wire, before its frame is written: serializer id, manifest and bytes. A thread
/// keeps one for reuse, so sending needs no allocation; a serializer that sends while serializing (the instance
/// is then out on loan) gets a fresh one, so nested sends never share a buffer.
/// </summary>
internal sealed class OutboundPayload
{
    // Buffers grown past this by a large message are left to the GC rather than kept per thread.
    private const int RetainedCapacity = 64 * 1024;

    [ThreadStatic]
    private static OutboundPayload? t_spare;

    private OutboundPayload()
    {
    }

    public ArrayBufferWriter<byte> Bytes { get; } = new(1024);

    public int SerializerId { get; set; }

    public string Manifest { get; set; } = "";

    public static OutboundPayload Rent()
    {
        var payload = t_spare ?? new OutboundPayload();
        t_spare = null;
        payload.Bytes.ResetWrittenCount();
        return payload;
    }

    public void Return()
    {
        if (Bytes.Capacity <= RetainedCapacity) t_spare = this;
    }
}
