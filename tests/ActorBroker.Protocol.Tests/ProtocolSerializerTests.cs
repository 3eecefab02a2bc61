using ActorBroker.Actors.Serialization;
using ActorBroker.Protocol.Messages;
using ActorBroker.Protocol.Serialization;

namespace ActorBroker.Protocol.Tests;

/// <summary>The in-project runtime's adapter of <see cref="ProtocolCodec"/> (the codec itself is tested in <see cref="ProtocolCodecTests"/>).</summary>
public class ProtocolSerializerTests
{
    private readonly ProtocolSerializer _serializer = new();

    [Fact]
    public void Every_message_round_trips_through_the_adapter()
    {
        foreach (var message in ProtocolSamples.All())
        {
            var bytes = _serializer.ToBinary(message);
            Assert.Equal(bytes, _serializer.ToBinary(_serializer.FromBinary(bytes, _serializer.Manifest(message))));
        }
    }

    [Fact]
    public void Produce_request_keeps_the_batch_bytes_exactly()
    {
        var request = new ProduceRequest(ProtocolSamples.Tp, Acks.All, 30_000, ProtocolSamples.Batch(0, 4), 77);
        var copy = (ProduceRequest)_serializer.FromBinary(_serializer.ToBinary(request), _serializer.Manifest(request));
        Assert.Equal(request.Batch.Bytes.ToArray(), copy.Batch.Bytes.ToArray());
        Assert.Equal(ErrorCode.None, copy.Batch.Validate(int.MaxValue).Error);
    }

    [Fact]
    public void Malformed_input_and_foreign_types_are_SerializationExceptions()
    {
        var bytes = _serializer.ToBinary(new ListOffsetsResponse(ProtocolSamples.Tp, ErrorCode.None, 1, 1, "x", 1));
        Assert.Throws<SerializationException>(() => _serializer.FromBinary(bytes.AsSpan(0, bytes.Length - 1), "LR"));
        Assert.Throws<SerializationException>(() => _serializer.FromBinary([0, 0], "??"));
        Assert.Throws<SerializationException>(() => _serializer.Manifest("not a protocol message"));
        Assert.Throws<SerializationException>(() => _serializer.ToBinary("not a protocol message"));
    }
}
