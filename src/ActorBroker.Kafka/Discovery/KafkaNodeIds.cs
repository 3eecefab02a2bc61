using System.Text;

namespace ActorBroker.Kafka.Discovery;

/// <summary>
/// Kafka's int32 broker id of an ActorBroker node. A node's identity is its <c>host:port</c> (its Akka address, under
/// which its replicas live), so the id is derived from it, not assigned: FNV-1a 32-bit of its UTF-8 bytes with the sign
/// bit cleared. Every node computes the same id for a node, and a node keeps its id across restarts on its address.
/// Two node ids can collide (about one chance in 2^31 per pair); <see cref="KafkaEndpoints"/> logs it when two live
/// nodes do.
/// </summary>
public static class KafkaNodeIds
{
    private const uint OffsetBasis = 2166136261;
    private const uint Prime = 16777619;

    public static int Of(string nodeId)
    {
        ArgumentNullException.ThrowIfNull(nodeId);
        Span<byte> stack = stackalloc byte[128];
        var length = Encoding.UTF8.GetByteCount(nodeId);
        var bytes = length <= stack.Length ? stack[..length] : new byte[length];
        Encoding.UTF8.GetBytes(nodeId, bytes);
        var hash = OffsetBasis;
        foreach (var b in bytes)
        {
            hash ^= b;
            hash *= Prime;
        }

        return (int)(hash & 0x7FFF_FFFF);
    }
}
