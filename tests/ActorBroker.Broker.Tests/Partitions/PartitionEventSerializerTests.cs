using System.Runtime.Serialization;
using ActorBroker.Broker.Partitions;
using ActorBroker.Broker.Serialization;
using ActorBroker.Protocol.Records;
using Akka.Actor;

namespace ActorBroker.Broker.Tests.Partitions;

/// <summary>The partition log's journal events through Akka's serialization, as a journal plugin stores them.</summary>
public sealed class PartitionEventSerializerTests : IAsyncLifetime
{
    private ActorSystem _system = null!;

    private PartitionEventAkkaSerializer Serializer => (PartitionEventAkkaSerializer)_system.Serialization.FindSerializerForType(typeof(LogTruncated));

    public Task InitializeAsync()
    {
        _system = ActorSystem.Create("partition-serializer", BrokerAkkaSerialization.Config);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _system.Terminate();

    [Fact]
    public void A_batch_is_journaled_as_its_own_bytes_and_read_back_unchanged()
    {
        var batch = Batches.Stored(42, 3);
        var serializer = _system.Serialization.FindSerializerFor(batch);
        var payload = serializer.ToBinary(batch);

        Assert.Equal(PartitionEventAkkaSerializer.Id, serializer.Identifier);
        Assert.Equal(batch.Bytes.ToArray(), payload);
        var read = Assert.IsType<RecordBatch>(_system.Serialization.Deserialize(payload, serializer.Identifier, Serializer.Manifest(batch)));
        Assert.Equal(batch.Bytes.ToArray(), read.Bytes.ToArray());
        Assert.Equal((ActorBroker.Protocol.ErrorCode.None, (string?)null), read.Validate(int.MaxValue));
        Assert.Equal(42, read.BaseOffset);
    }

    [Fact]
    public void A_log_start_marker_round_trips()
    {
        var marker = new LogStartOffsetAdvanced(1234567890123);
        var payload = Serializer.ToBinary(marker);

        Assert.Equal(8, payload.Length);
        Assert.Equal(marker, _system.Serialization.Deserialize(payload, PartitionEventAkkaSerializer.Id, Serializer.Manifest(marker)));
    }

    [Fact]
    public void A_truncation_marker_round_trips_as_its_big_endian_offset()
    {
        var marker = new LogTruncated(0x0102030405060708);
        var payload = Serializer.ToBinary(marker);

        Assert.Equal(PartitionEventCodec.TruncationManifest, Serializer.Manifest(marker));
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], payload);
        Assert.Equal(marker, _system.Serialization.Deserialize(payload, PartitionEventAkkaSerializer.Id, PartitionEventCodec.TruncationManifest));
    }

    [Fact]
    public void A_high_watermark_checkpoint_round_trips_as_its_big_endian_offset()
    {
        var checkpoint = new HighWatermarkCheckpointed(0x0102030405060708);
        var payload = Serializer.ToBinary(checkpoint);

        Assert.Equal(PartitionEventCodec.HighWatermarkManifest, Serializer.Manifest(checkpoint));
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], payload);
        Assert.Equal(checkpoint, _system.Serialization.Deserialize(payload, PartitionEventAkkaSerializer.Id, PartitionEventCodec.HighWatermarkManifest));
    }

    [Fact]
    public void A_truncation_marker_from_a_later_version_with_more_fields_is_read_by_its_offset()
    {
        byte[] bytes = [0, 0, 0, 0, 0, 0, 0, 42, 9, 9, 9, 9];

        Assert.Equal(new LogTruncated(42), Serializer.FromBinary(bytes, PartitionEventCodec.TruncationManifest));
    }

    [Fact]
    public void A_truncated_or_unknown_event_fails_clearly()
    {
        var serializer = Serializer;
        var bytes = Batches.Stored(0, 2).Bytes.ToArray();

        Assert.Throws<SerializationException>(() => serializer.FromBinary(bytes[..^1], PartitionEventCodec.BatchManifest));
        Assert.Throws<SerializationException>(() => serializer.FromBinary(bytes[..20], PartitionEventCodec.BatchManifest));
        Assert.Throws<SerializationException>(() => serializer.FromBinary(new byte[4], PartitionEventCodec.LogStartManifest));
        Assert.Throws<SerializationException>(() => serializer.FromBinary(new byte[7], PartitionEventCodec.TruncationManifest));
        Assert.Throws<SerializationException>(() => serializer.FromBinary([], PartitionEventCodec.TruncationManifest));
        Assert.Throws<SerializationException>(() => serializer.FromBinary(new byte[8], "X"));
        Assert.Throws<SerializationException>(() => serializer.Manifest("not an event"));
    }
}
