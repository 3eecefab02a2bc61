using ActorBroker.Actors;
using ActorBroker.Actors.Serialization;
using ActorBroker.Broker.Partitions;
using ActorBroker.Protocol.Records;

namespace ActorBroker.Broker.Tests.Partitions;

public sealed class PartitionEventSerializerTests : IAsyncLifetime
{
    private ActorSystem _system = null!;

    public Task InitializeAsync()
    {
        _system = ActorSystem.Create("partition-serializer");
        PartitionEventSerializer.Register(_system);
        PartitionEventSerializer.Register(_system); // idempotent
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _system.Terminate();

    [Fact]
    public void A_batch_is_journaled_as_its_own_bytes_and_read_back_unchanged()
    {
        var batch = Batches.Stored(42, 3);
        var payload = _system.Serialization.Serialize(batch);

        Assert.Equal(PartitionEventSerializer.Id, payload.SerializerId);
        Assert.Equal(batch.Bytes.ToArray(), payload.Payload);
        var read = Assert.IsType<RecordBatch>(_system.Serialization.Deserialize(payload.Payload, payload.SerializerId, payload.Manifest));
        Assert.Equal(batch.Bytes.ToArray(), read.Bytes.ToArray());
        Assert.Equal((ActorBroker.Protocol.ErrorCode.None, (string?)null), read.Validate(int.MaxValue));
        Assert.Equal(42, read.BaseOffset);
    }

    [Fact]
    public void A_log_start_marker_round_trips()
    {
        var payload = _system.Serialization.Serialize(new LogStartOffsetAdvanced(1234567890123));

        Assert.Equal(8, payload.Payload.Length);
        Assert.Equal(new LogStartOffsetAdvanced(1234567890123), _system.Serialization.Deserialize(payload.Payload, payload.SerializerId, payload.Manifest));
    }

    [Fact]
    public void A_truncation_marker_round_trips_as_its_big_endian_offset()
    {
        var payload = _system.Serialization.Serialize(new LogTruncated(0x0102030405060708));

        Assert.Equal(PartitionEventSerializer.Id, payload.SerializerId);
        Assert.Equal(PartitionEventSerializer.TruncationManifest, payload.Manifest);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], payload.Payload);
        Assert.Equal(new LogTruncated(0x0102030405060708), _system.Serialization.Deserialize(payload.Payload, payload.SerializerId, payload.Manifest));
    }

    [Fact]
    public void A_truncation_marker_from_a_later_version_with_more_fields_is_read_by_its_offset()
    {
        var serializer = new PartitionEventSerializer();
        byte[] bytes = [0, 0, 0, 0, 0, 0, 0, 42, 9, 9, 9, 9];

        Assert.Equal(new LogTruncated(42), serializer.FromBinary(bytes, PartitionEventSerializer.TruncationManifest));
    }

    [Fact]
    public void A_truncated_or_unknown_event_fails_clearly()
    {
        var serializer = new PartitionEventSerializer();
        var bytes = Batches.Stored(0, 2).Bytes.ToArray();

        Assert.Throws<SerializationException>(() => serializer.FromBinary(bytes.AsSpan(0, bytes.Length - 1), PartitionEventSerializer.BatchManifest));
        Assert.Throws<SerializationException>(() => serializer.FromBinary(bytes.AsSpan(0, 20), PartitionEventSerializer.BatchManifest));
        Assert.Throws<SerializationException>(() => serializer.FromBinary(new byte[4], PartitionEventSerializer.LogStartManifest));
        Assert.Throws<SerializationException>(() => serializer.FromBinary(new byte[7], PartitionEventSerializer.TruncationManifest));
        Assert.Throws<SerializationException>(() => serializer.FromBinary([], PartitionEventSerializer.TruncationManifest));
        Assert.Throws<SerializationException>(() => serializer.FromBinary(new byte[8], "X"));
        Assert.Throws<SerializationException>(() => serializer.Manifest("not an event"));
    }
}
