namespace ActorBroker.Client.Partitioning;

/// <summary>
/// Kafka's 32-bit murmur2 (<c>org.apache.kafka.common.utils.Utils.murmur2</c>, seed 0x9747b28c), bit for bit, so a
/// key lands on the same partition here as with Kafka's Java producer.
/// </summary>
public static class Murmur2
{
    private const uint Seed = 0x9747b28c;
    private const uint M = 0x5bd1e995;
    private const int R = 24;

    public static int Hash(ReadOnlySpan<byte> data)
    {
        var length = data.Length;
        var h = Seed ^ (uint)length;
        var blocks = length / 4;
        for (var i = 0; i < blocks; i++)
        {
            var i4 = i * 4;
            var k = data[i4] | ((uint)data[i4 + 1] << 8) | ((uint)data[i4 + 2] << 16) | ((uint)data[i4 + 3] << 24);
            k *= M;
            k ^= k >> R;
            k *= M;
            h *= M;
            h ^= k;
        }

        // The tail falls through from 3 to 1, as Java's switch does.
        var tail = length & ~3;
        switch (length % 4)
        {
            case 3:
                h ^= (uint)data[tail + 2] << 16;
                goto case 2;
            case 2:
                h ^= (uint)data[tail + 1] << 8;
                goto case 1;
            case 1:
                h ^= data[tail];
                h *= M;
                break;
        }

        h ^= h >> 13;
        h *= M;
        h ^= h >> 15;
        return unchecked((int)h);
    }

    /// <summary>Kafka's <c>Utils.toPositive</c>: clears the sign bit (not Math.Abs, which fails for int.MinValue).</summary>
    public static int ToPositive(int value) => value & 0x7fffffff;
}
