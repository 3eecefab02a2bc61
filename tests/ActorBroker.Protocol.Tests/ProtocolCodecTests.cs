using System.Buffers;
using System.Buffers.Binary;
using ActorBroker.Protocol.Messages;
using ActorBroker.Protocol.Serialization;

namespace ActorBroker.Protocol.Tests;

public class ProtocolCodecTests
{
    private static byte[] Encode(object message)
    {
        var output = new ArrayBufferWriter<byte>();
        Assert.True(ProtocolCodec.TryWrite(message, output), $"{message.GetType().Name} was not encoded");
        return output.WrittenSpan.ToArray();
    }

    [Fact]
    public void Every_message_type_of_the_contract_has_a_sample_and_a_manifest_of_its_own()
    {
        var samples = ProtocolSamples.All().ToList();
        Assert.Equal(ProtocolCodec.MessageTypes.OrderBy(t => t.Name), samples.Select(m => m.GetType()).Distinct().OrderBy(t => t.Name));
        Assert.Equal(ProtocolCodec.MessageTypes.Count, samples.Select(m => m.GetType()).Distinct().Select(t => ProtocolCodec.ManifestOf(samples.First(s => s.GetType() == t))).Distinct().Count());
    }

    [Fact]
    public void Every_request_and_response_type_in_the_messages_namespace_is_encoded()
    {
        // A message added to the contract without a codec would fall back to a reflective serializer on the wire.
        var contract = typeof(ProduceRequest).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == typeof(ProduceRequest).Namespace && (t.Name.EndsWith("Request", StringComparison.Ordinal) || t.Name.EndsWith("Response", StringComparison.Ordinal)));
        Assert.All(contract, t => Assert.Contains(t, ProtocolCodec.MessageTypes));
    }

    [Fact]
    public void Every_message_reads_back_to_the_same_bytes()
    {
        foreach (var message in ProtocolSamples.All())
        {
            var bytes = Encode(message);
            var copy = ProtocolCodec.Read(bytes, ProtocolCodec.ManifestOf(message)!);
            Assert.IsType(message.GetType(), copy);
            Assert.Equal(bytes, Encode(copy));
        }
    }

    [Fact]
    public void Metadata_keeps_nulls_empties_and_configs()
    {
        var response = (MetadataResponse)ProtocolSamples.All().Single(m => m is MetadataResponse);
        var copy = (MetadataResponse)ProtocolCodec.Read(Encode(response), ProtocolCodec.ManifestOf(response)!);
        Assert.Equal(response.Nodes, copy.Nodes);
        Assert.Equal((42L, 7L), (copy.MetadataVersion, copy.CorrelationId));
        Assert.Equal(response.Topics[0].TopicId, copy.Topics[0].TopicId);
        Assert.Equal("2", copy.Topics[0].Configs["min.insync.replicas"]);
        Assert.Null(copy.Topics[0].Partitions[1].Leader);
        Assert.Empty(copy.Topics[0].Partitions[1].Isr);
        Assert.Equal(ErrorCode.UnknownTopicOrPartition, copy.Topics[1].Error);
        Assert.Null(((MetadataRequest)ProtocolCodec.Read(Encode(new MetadataRequest(null, 1)), "MQ")).Topics);
    }

    [Fact]
    public void Every_truncation_and_every_trailing_byte_is_a_FormatException()
    {
        foreach (var message in ProtocolSamples.All())
        {
            var bytes = Encode(message);
            var manifest = ProtocolCodec.ManifestOf(message)!;
            for (var length = 0; length < bytes.Length; length++)
                Assert.Throws<FormatException>(() => ProtocolCodec.Read(bytes.AsSpan(0, length), manifest));
            Assert.Throws<FormatException>(() => ProtocolCodec.Read([.. bytes, 0], manifest));
        }
    }

    [Fact]
    public void A_produce_request_carries_its_batches_in_their_order()
    {
        var batches = new[] { ProtocolSamples.Batch(0, 4), ProtocolSamples.Batch(0, 2, valueBytes: 300), ProtocolSamples.Batch(0, 7) };
        var copy = (ProduceRequest)ProtocolCodec.Read(Encode(new ProduceRequest(ProtocolSamples.Tp, Acks.All, 100, batches, 9)), "PQ");
        Assert.Equal(batches.Select(b => b.Bytes.ToArray()), copy.Batches.Select(b => b.Bytes.ToArray()));
        Assert.Equal(9L, copy.CorrelationId);
    }

    [Fact]
    public void A_produce_request_whose_batch_lengths_do_not_add_up_reads_as_one_batch_for_the_partition_to_refuse()
    {
        var bytes = Encode(new ProduceRequest(ProtocolSamples.Tp, Acks.All, 100, ProtocolSamples.Batch(0, 4), 9));
        var batchLengthField = bytes.Length - ProtocolSamples.Batch(0, 4).SizeInBytes + 8;
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(batchLengthField), 1 << 20);

        var copy = (ProduceRequest)ProtocolCodec.Read(bytes, "PQ");

        var batch = Assert.Single(copy.Batches);
        Assert.Equal(ErrorCode.CorruptMessage, batch.Validate(1 << 21).Error);
    }

    [Fact]
    public void A_produce_request_without_batches_is_malformed()
    {
        var bytes = Encode(new ProduceRequest(ProtocolSamples.Tp, Acks.All, 100, [], 9));
        var error = Assert.Throws<FormatException>(() => ProtocolCodec.Read(bytes, "PQ"));
        Assert.Contains("no record batch", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_forged_element_count_is_refused_before_anything_is_allocated_for_it()
    {
        var bytes = Encode(new MetadataRequest(["a"], 1));
        BinaryPrimitives.WriteInt32BigEndian(bytes, int.MaxValue);
        var error = Assert.Throws<FormatException>(() => ProtocolCodec.Read(bytes, "MQ"));
        Assert.Contains("does not fit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_manifests_and_foreign_types_are_refused()
    {
        Assert.Throws<FormatException>(() => ProtocolCodec.Read([0, 0], "??"));
        Assert.Null(ProtocolCodec.ManifestOf("not a protocol message"));
        Assert.False(ProtocolCodec.TryWrite("not a protocol message", new ArrayBufferWriter<byte>()));
    }
}
