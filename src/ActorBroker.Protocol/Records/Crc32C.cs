using System.Buffers.Binary;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace ActorBroker.Protocol.Records;

/// <summary>
/// CRC-32C (Castagnoli), the checksum of Kafka's record batches. Uses the CPU's CRC32 instructions when
/// present (SSE4.2, ARMv8) and a slicing-by-8 table otherwise; both give the same values.
/// </summary>
public static class Crc32C
{
    private const uint Polynomial = 0x82F63B78; // reversed Castagnoli polynomial
    private static readonly uint[] Table = BuildTable();

    public static uint Compute(ReadOnlySpan<byte> data) => ~Update(0xFFFFFFFF, data);

    /// <summary>Continues a running CRC (pre-inverted state); for callers that checksum in pieces.</summary>
    internal static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        if (Sse42.X64.IsSupported) return UpdateSse42(crc, data);
        if (Crc32.Arm64.IsSupported) return UpdateArm(crc, data);
        return UpdateSoftware(crc, data);
    }

    internal static uint UpdateSoftware(uint crc, ReadOnlySpan<byte> data)
    {
        var table = Table;
        while (data.Length >= 8)
        {
            var one = BinaryPrimitives.ReadUInt32LittleEndian(data) ^ crc;
            var two = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
            crc = table[7 * 256 + (one & 0xFF)] ^ table[6 * 256 + ((one >> 8) & 0xFF)]
                ^ table[5 * 256 + ((one >> 16) & 0xFF)] ^ table[4 * 256 + (one >> 24)]
                ^ table[3 * 256 + (two & 0xFF)] ^ table[2 * 256 + ((two >> 8) & 0xFF)]
                ^ table[1 * 256 + ((two >> 16) & 0xFF)] ^ table[two >> 24];
            data = data[8..];
        }
        foreach (var b in data) crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc;
    }

    private static uint UpdateSse42(uint crc, ReadOnlySpan<byte> data)
    {
        ulong state = crc;
        while (data.Length >= 8)
        {
            state = Sse42.X64.Crc32(state, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[8..];
        }
        crc = (uint)state;
        foreach (var b in data) crc = Sse42.Crc32(crc, b);
        return crc;
    }

    private static uint UpdateArm(uint crc, ReadOnlySpan<byte> data)
    {
        while (data.Length >= 8)
        {
            crc = Crc32.Arm64.ComputeCrc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[8..];
        }
        foreach (var b in data) crc = Crc32.ComputeCrc32C(crc, b);
        return crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[8 * 256];
        for (uint i = 0; i < 256; i++)
        {
            var crc = i;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ Polynomial : crc >> 1;
            table[i] = crc;
        }
        for (var i = 0; i < 256; i++)
            for (var slice = 1; slice < 8; slice++)
                table[slice * 256 + i] = (table[(slice - 1) * 256 + i] >> 8) ^ table[table[(slice - 1) * 256 + i] & 0xFF];
        return table;
    }
}
