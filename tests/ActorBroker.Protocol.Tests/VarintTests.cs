using ActorBroker.Protocol.Records;

namespace ActorBroker.Protocol.Tests;

public class VarintTests
{
    [Theory]
    [InlineData(0, new byte[] { 0x00 })]
    [InlineData(-1, new byte[] { 0x01 })]
    [InlineData(1, new byte[] { 0x02 })]
    [InlineData(63, new byte[] { 0x7E })]
    [InlineData(-64, new byte[] { 0x7F })]
    [InlineData(64, new byte[] { 0x80, 0x01 })]
    [InlineData(int.MaxValue, new byte[] { 0xFE, 0xFF, 0xFF, 0xFF, 0x0F })]
    [InlineData(int.MinValue, new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x0F })]
    public void Int32_uses_zigzag_encoding_as_Kafka_does(int value, byte[] expected)
    {
        var buffer = new byte[Varint.MaxInt32Bytes];
        var written = Varint.Write(buffer, value);
        Assert.Equal(expected, buffer[..written]);
        Assert.Equal(expected.Length, Varint.SizeOf(value));
        Assert.True(Varint.TryReadInt32(buffer, out var read, out var consumed));
        Assert.Equal((value, expected.Length), (read, consumed));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(1_700_000_000_000L)]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    public void Int64_round_trips(long value)
    {
        var buffer = new byte[Varint.MaxInt64Bytes];
        var written = Varint.Write(buffer, value);
        Assert.Equal(Varint.SizeOf(value), written);
        Assert.True(Varint.TryReadInt64(buffer, out var read, out var consumed));
        Assert.Equal((value, written), (read, consumed));
    }

    [Fact]
    public void Truncated_or_overlong_input_is_refused_not_thrown()
    {
        Assert.False(Varint.TryReadInt32([0x80, 0x80], out _, out _));
        Assert.False(Varint.TryReadInt32([0x80, 0x80, 0x80, 0x80, 0x80, 0x01], out _, out _));
        Assert.False(Varint.TryReadInt64([], out _, out _));
    }
}
