using ActorBroker.Kafka.Wire;

namespace ActorBroker.Kafka.Tests.Wire;

public class KafkaReaderWriterTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Every_primitive_reads_back_what_was_written(bool flexible)
    {
        using var writer = new KafkaWriter(flexible);
        writer.Int8(-3);
        writer.Boolean(true);
        writer.Int16(-2);
        writer.Int32(123_456);
        writer.Int64(-9_876_543_210);
        var id = Guid.NewGuid();
        writer.Uuid(id);
        writer.UnsignedVarint(300);
        writer.String("héllo");
        writer.NullableString(null);
        writer.NullableBytes([1, 2, 3]);
        writer.NullableBytes(default, isNull: true);
        writer.ArrayLength(2);
        writer.TaggedFields();

        var reader = new KafkaReader(writer.Frame().Span[4..], flexible);
        Assert.Equal(-3, reader.Int8());
        Assert.True(reader.Boolean());
        Assert.Equal(-2, reader.Int16());
        Assert.Equal(123_456, reader.Int32());
        Assert.Equal(-9_876_543_210, reader.Int64());
        Assert.Equal(id, reader.Uuid());
        Assert.Equal(300u, reader.UnsignedVarint());
        Assert.Equal("héllo", reader.String());
        Assert.Null(reader.NullableString());
        Assert.Equal([1, 2, 3], reader.NullableBytes(out var isNull).ToArray());
        Assert.False(isNull);
        reader.NullableBytes(out isNull);
        Assert.True(isNull);
        Assert.Equal(0, reader.Remaining - (flexible ? 2 : 4)); // the array length: 2 elements promised, none there
        Assert.Throws<KafkaProtocolException>(() => new KafkaReader([0, 0, 0, 9], false).ArrayLength(1));
    }

    [Fact]
    public void The_frame_starts_with_the_size_of_what_follows()
    {
        using var writer = new KafkaWriter(flexible: false);
        writer.Int32(7);
        writer.String("ab");
        Assert.Equal([0, 0, 0, 8, 0, 0, 0, 7, 0, 2, (byte)'a', (byte)'b'], writer.Frame().ToArray());
    }

    [Theory]
    [InlineData(new byte[] { 0, 5, (byte)'a' })]                  // string longer than the request
    [InlineData(new byte[] { 0xFF, 0xFE })]                         // string length -2
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x80, 0x01 })] // varint longer than five bytes
    public void Malformed_input_throws_a_protocol_error_and_never_reads_past_the_request(byte[] bytes)
    {
        Assert.Throws<KafkaProtocolException>(() =>
        {
            var reader = new KafkaReader(bytes, flexible: bytes.Length == 6);
            if (reader.Flexible) reader.UnsignedVarint();
            else reader.String();
        });
    }

    [Fact]
    public void A_flexible_request_header_skips_its_tagged_fields_but_keeps_an_int16_client_id()
    {
        byte[] frame = [0, 18, 0, 3, 0, 0, 0, 42, 0, 3, (byte)'c', (byte)'l', (byte)'i', 1, 7, 2, 9, 9, 0xAB];
        var reader = new KafkaReader(frame, flexible: false);
        var header = RequestHeader.Read(ref reader, (_, version) => version >= 3);
        Assert.Equal(new RequestHeader(18, 3, 42, "cli"), header);
        Assert.Equal(0xAB, (byte)reader.Int8());
    }
}
