using System.Text;
using ActorBroker.Protocol.Records;

namespace ActorBroker.Protocol.Tests;

public class Crc32CTests
{
    [Fact]
    public void Matches_the_published_check_value()
    {
        // The CRC-32C check value from the Castagnoli catalogue (and RFC 3720): CRC of "123456789".
        Assert.Equal(0xE3069283u, Crc32C.Compute(Encoding.ASCII.GetBytes("123456789")));
    }

    [Fact]
    public void Hardware_and_table_paths_agree_on_every_length()
    {
        var random = new Random(42);
        for (var length = 0; length < 300; length++)
        {
            var data = new byte[length];
            random.NextBytes(data);
            Assert.Equal(~Crc32C.UpdateSoftware(0xFFFFFFFF, data), Crc32C.Compute(data));
        }
    }

    [Fact]
    public void Empty_input_gives_zero() => Assert.Equal(0u, Crc32C.Compute([]));
}
