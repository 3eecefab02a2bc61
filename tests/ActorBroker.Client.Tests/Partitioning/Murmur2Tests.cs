using System.Text;
using ActorBroker.Client.Partitioning;

namespace ActorBroker.Client.Tests.Partitioning;

public sealed class Murmur2Tests
{
    // Kafka's own vectors (clients/src/test/java/org/apache/kafka/common/utils/UtilsTest.java, testMurmur2),
    // and the short ones Akka's Murmur2Spec took from Kafka's implementation.
    [Theory]
    [InlineData("21", -973932308)]
    [InlineData("foobar", -790332482)]
    [InlineData("a-little-bit-long-string", -985981536)]
    [InlineData("a-little-bit-longer-string", -1486304829)]
    [InlineData("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971)]
    [InlineData("1", -1993445489)]
    [InlineData("12", 126087238)]
    [InlineData("123", -267702483)]
    [InlineData("1234", -1614185708)]
    [InlineData("12345", -1188365604)]
    public void Murmur2_matches_kafkas_published_vectors(string text, int expected) =>
        Assert.Equal(expected, Murmur2.Hash(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void Murmur2_of_the_bytes_abc_matches_kafka() => Assert.Equal(479470107, Murmur2.Hash([(byte)'a', (byte)'b', (byte)'c']));

    [Fact]
    public void ToPositive_clears_the_sign_bit_instead_of_negating()
    {
        Assert.Equal(0, Murmur2.ToPositive(int.MinValue));
        Assert.Equal(int.MaxValue, Murmur2.ToPositive(-1));
        Assert.Equal(5, Murmur2.ToPositive(5));
    }

    // Expected partitions computed independently: (murmur2(key) & 0x7fffffff) % n.
    [Theory]
    [InlineData("foobar", 3, 0)]
    [InlineData("foobar", 10, 6)]
    [InlineData("a-little-bit-longer-string", 6, 5)]
    [InlineData("12", 3, 1)]
    [InlineData("123", 10, 5)]
    [InlineData("key-0", 3, 1)]
    [InlineData("key-2", 3, 2)]
    public void A_key_goes_to_positive_murmur2_modulo_the_partition_count(string key, int partitions, int expected) =>
        Assert.Equal(expected, KeyPartitioner.Partition(Encoding.UTF8.GetBytes(key), partitions));

    [Fact]
    public void A_key_whose_hash_is_negative_still_lands_in_range()
    {
        for (var i = 0; i < 1000; i++)
        {
            var partition = KeyPartitioner.Partition(BitConverter.GetBytes(i), 7);
            Assert.InRange(partition, 0, 6);
        }
    }
}
