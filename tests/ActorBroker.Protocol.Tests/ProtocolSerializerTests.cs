using ActorBroker.Actors.Serialization;
using ActorBroker.Protocol.Messages;
using ActorBroker.Protocol.Records;
using ActorBroker.Protocol.Serialization;

namespace ActorBroker.Protocol.Tests;

public class ProtocolSerializerTests
{
    private static readonly TopicPartition Tp = new("orders.eu-west", 3);
    private readonly ProtocolSerializer _serializer = new();

    private static RecordBatch Batch(long baseOffset, int records)
    {
        using var builder = new RecordBatchBuilder();
        for (var i = 0; i < records; i++) builder.TryAppend(i, [1, 2, 3], [4, 5]);
        return builder.Build().WithOffsets(baseOffset, 0);
    }

    private T RoundTrip<T>(T message) where T : notnull =>
        (T)_serializer.FromBinary(_serializer.ToBinary(message), _serializer.Manifest(message));

    [Fact]
    public void Produce_request_keeps_the_batch_bytes_exactly()
    {
        var request = new ProduceRequest(Tp, Acks.All, 30_000, Batch(0, 4), 77);
        var copy = RoundTrip(request);
        Assert.Equal((request.Partition, request.Acks, request.TimeoutMs, request.CorrelationId), (copy.Partition, copy.Acks, copy.TimeoutMs, copy.CorrelationId));
        Assert.Equal(request.Batch.Bytes.ToArray(), copy.Batch.Bytes.ToArray());
        Assert.Equal(ErrorCode.None, copy.Batch.Validate(int.MaxValue).Error);
    }

    [Fact]
    public void Responses_and_requests_round_trip()
    {
        Assert.Equal(new ProduceResponse(Tp, ErrorCode.None, 10, 123, 0, null, 1), RoundTrip(new ProduceResponse(Tp, ErrorCode.None, 10, 123, 0, null, 1)));
        var failed = ProduceResponse.Failed(Tp, ErrorCode.RecordTooLarge, "too big", 2);
        Assert.Equal(failed, RoundTrip(failed));
        var fetch = new FetchRequest(Tp, 5, 1 << 20, 1, 500, -1, null, 3);
        Assert.Equal(fetch, RoundTrip(fetch));
        var replicaFetch = fetch with { ReplicaId = "127.0.0.1:9093", CurrentLeaderEpoch = 4 };
        Assert.Equal(replicaFetch, RoundTrip(replicaFetch));
        var list = new ListOffsetsRequest(Tp, ListOffsetsRequest.Earliest, 4);
        Assert.Equal(list, RoundTrip(list));
        var listed = new ListOffsetsResponse(Tp, ErrorCode.None, 1000, 17, null, 4);
        Assert.Equal(listed, RoundTrip(listed));
    }

    [Fact]
    public void Fetch_response_carries_whole_batches_in_order()
    {
        var response = new FetchResponse(Tp, ErrorCode.None, 9, 0, [Batch(0, 4), Batch(4, 5)], null, 8);
        var copy = RoundTrip(response);
        Assert.Equal((9L, 0L, 8L), (copy.HighWatermark, copy.LogStartOffset, copy.CorrelationId));
        Assert.Equal([0L, 4L], copy.Batches.Select(b => b.BaseOffset));
        Assert.All(copy.Batches, b => Assert.Equal(ErrorCode.None, b.Validate(int.MaxValue).Error));
        Assert.Empty(RoundTrip(FetchResponse.Failed(Tp, ErrorCode.OffsetOutOfRange, "below log start", 1)).Batches);
    }

    [Fact]
    public void Every_truncation_is_a_SerializationException()
    {
        var messages = new object[]
        {
            new ProduceRequest(Tp, Acks.Leader, 100, Batch(0, 2), 1),
            new FetchResponse(Tp, ErrorCode.None, 2, 0, [Batch(0, 2)], null, 1),
            new ListOffsetsResponse(Tp, ErrorCode.None, 1, 1, "x", 1),
        };
        foreach (var message in messages)
        {
            var bytes = _serializer.ToBinary(message);
            var manifest = _serializer.Manifest(message);
            for (var length = 0; length < bytes.Length; length++)
                Assert.Throws<SerializationException>(() => _serializer.FromBinary(bytes.AsSpan(0, length), manifest));
            Assert.Throws<SerializationException>(() => _serializer.FromBinary([.. bytes, 0], manifest));
        }
    }

    [Fact]
    public void Unknown_manifests_and_types_are_refused()
    {
        Assert.Throws<SerializationException>(() => _serializer.FromBinary([0, 0], "??"));
        Assert.Throws<SerializationException>(() => _serializer.Manifest("not a protocol message"));
    }
}
