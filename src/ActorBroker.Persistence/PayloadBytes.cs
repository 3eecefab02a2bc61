using System.Runtime.InteropServices;

namespace ActorBroker.Persistence;

internal static class PayloadBytes
{
    /// <summary>
    /// The payload's backing array when the memory covers it exactly (no copy), else a copy.
    /// ADO.NET providers bind blobs as byte[].
    /// </summary>
    public static byte[] AsArray(ReadOnlyMemory<byte> payload) =>
        MemoryMarshal.TryGetArray(payload, out var segment)
        && segment.Array is not null && segment.Offset == 0 && segment.Count == segment.Array.Length
            ? segment.Array
            : payload.ToArray();
}
