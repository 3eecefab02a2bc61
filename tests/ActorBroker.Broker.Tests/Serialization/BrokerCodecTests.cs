using ActorBroker.Protocol.Security;
using System.Buffers;
using ActorBroker.Broker.Controller;
using ActorBroker.Broker.Metadata;
using ActorBroker.Broker.Serialization;

namespace ActorBroker.Broker.Tests.Serialization;

public class BrokerCodecTests
{
    private static byte[] Encode(object message)
    {
        var output = new ArrayBufferWriter<byte>();
        Assert.True(BrokerCodec.TryWrite(message, output), $"{message.GetType().Name} was not encoded");
        return output.WrittenSpan.ToArray();
    }

    [Fact]
    public void Every_controller_event_type_has_a_manifest_of_its_own()
    {
        // The controller's journal must never meet an event it cannot store or read back.
        var eventTypes = typeof(IControllerEvent).Assembly.GetTypes().Where(t => t.IsClass && typeof(IControllerEvent).IsAssignableFrom(t)).ToList();
        var samples = BrokerSamples.All().Where(m => m is IControllerEvent).ToList();
        Assert.Equal(eventTypes.OrderBy(t => t.Name), samples.Select(s => s.GetType()).Distinct().OrderBy(t => t.Name));
        Assert.Equal(eventTypes.Count, samples.Select(BrokerCodec.ManifestOf).Distinct().Count());
    }

    [Fact]
    public void Every_control_message_type_has_a_sample_and_a_manifest_of_its_own()
    {
        var controlTypes = BrokerCodec.MessageTypes.Where(t => t != typeof(IControllerEvent)).ToList();
        var samples = BrokerSamples.All().Where(m => m is not IControllerEvent).ToList();
        Assert.Equal(controlTypes.OrderBy(t => t.Name), samples.Select(s => s.GetType()).Distinct().OrderBy(t => t.Name));
        Assert.Equal(controlTypes.Count, samples.Select(s => s.GetType()).Distinct().Select(t => BrokerCodec.ManifestOf(samples.First(s => s.GetType() == t))).Distinct().Count());
    }

    [Fact]
    public void Every_message_reads_back_to_the_same_bytes()
    {
        foreach (var message in BrokerSamples.All())
        {
            var bytes = Encode(message);
            var copy = BrokerCodec.Read(bytes, BrokerCodec.ManifestOf(message)!);
            Assert.IsType(message.GetType(), copy);
            Assert.Equal(bytes, Encode(copy));
        }
    }

    [Fact]
    public void A_metadata_image_keeps_its_topics_configs_and_offline_partitions()
    {
        var copy = ((UpdateMetadata)BrokerCodec.Read(Encode(new UpdateMetadata(BrokerSamples.Image)), "MV")).Image;
        Assert.Equal((BrokerSamples.Image.Version, 3), (copy.Version, copy.ControllerEpoch));
        Assert.Equal(BrokerSamples.Image.Nodes, copy.Nodes);
        var orders = copy.Topics["orders"];
        Assert.Equal(BrokerSamples.Image.Topics["orders"].Config, orders.Config);
        Assert.Equal("2", orders.Configs["min.insync.replicas"]);
        Assert.Null(orders.Partitions[1].Leader);
        Assert.Equal((4, 9), (orders.Partitions[0].LeaderEpoch, orders.Partitions[0].PartitionEpoch));
        Assert.True(copy.DeletingTopics.ContainsKey("old"));
        var alice = copy.Security.Find("alice", ScramMechanism.ScramSha256)!;
        Assert.Equal(BrokerSamples.Image.Security.Users["alice"][0].StoredKey, alice.StoredKey);
        Assert.Equal(BrokerSamples.Image.Security.Acls, copy.Security.Acls);
    }

    [Fact]
    public void A_metadata_snapshot_stored_before_images_carried_users_and_acls_still_reads_with_none()
    {
        var image = BrokerSamples.Image with { Security = SecurityImage.Empty };
        var bytes = Encode(new UpdateMetadata(image));
        // The old encoding is the new one without the two empty counts (users, ACLs) at the end.
        var copy = ((UpdateMetadata)BrokerCodec.Read(bytes.AsSpan(0, bytes.Length - 8), "MU")).Image;
        Assert.Equal(image.Version, copy.Version);
        Assert.Equal(image.Topics.Keys, copy.Topics.Keys);
        Assert.Empty(copy.Security.Users);
        Assert.Empty(copy.Security.Acls);
    }

    [Fact]
    public void Every_truncation_and_every_trailing_byte_is_a_FormatException()
    {
        foreach (var message in BrokerSamples.All())
        {
            var bytes = Encode(message);
            var manifest = BrokerCodec.ManifestOf(message)!;
            for (var length = 0; length < bytes.Length; length++)
                Assert.Throws<FormatException>(() => BrokerCodec.Read(bytes.AsSpan(0, length), manifest));
            Assert.Throws<FormatException>(() => BrokerCodec.Read([.. bytes, 0], manifest));
        }
    }

    [Fact]
    public void Unknown_manifests_and_foreign_types_are_refused()
    {
        Assert.Throws<FormatException>(() => BrokerCodec.Read([], "??"));
        Assert.Null(BrokerCodec.ManifestOf("not a broker message"));
        Assert.Null(BrokerCodec.ManifestOf(MetadataImage.Empty));
    }
}
