using ActorBroker.Broker.Controller;
using ActorBroker.Broker.Partitions;
using ActorBroker.Broker.Serialization;
using ActorBroker.Broker.Tests.Partitions;
using ActorBroker.Protocol.Records;
using ActorBroker.Protocol.Serialization;
using Akka.Configuration;
using Xunit.Abstractions;

namespace ActorBroker.Broker.Tests.Serialization;

public class BrokerAkkaSerializationTests(ITestOutputHelper output)
    : Akka.TestKit.Xunit2.TestKit(ConfigurationFactory.ParseString("akka.loglevel = WARNING").WithFallback(BrokerAkkaSerialization.Config), "broker-serialization", output)
{
    [Fact]
    public void Every_broker_message_and_event_is_bound_to_a_binary_serializer_of_the_project()
    {
        Assert.All(BrokerCodec.MessageTypes, t => Assert.IsType<BrokerAkkaSerializer>(Sys.Serialization.FindSerializerForType(t)));
        Assert.All(BrokerSamples.All(), m => Assert.IsType<BrokerAkkaSerializer>(Sys.Serialization.FindSerializerFor(m)));
        Assert.All(PartitionEventCodec.EventTypes, t => Assert.IsType<PartitionEventAkkaSerializer>(Sys.Serialization.FindSerializerForType(t)));
        Assert.All(ProtocolCodec.MessageTypes, t => Assert.IsType<ProtocolAkkaSerializer>(Sys.Serialization.FindSerializerForType(t)));
    }

    [Fact]
    public void Controller_events_round_trip_through_akka_serialization()
    {
        foreach (var e in BrokerSamples.All().OfType<IControllerEvent>())
        {
            var serializer = (BrokerAkkaSerializer)Sys.Serialization.FindSerializerFor(e);
            var bytes = serializer.ToBinary(e);
            Assert.Equal(bytes, serializer.ToBinary(Sys.Serialization.Deserialize(bytes, BrokerAkkaSerializer.Id, serializer.Manifest(e))));
        }
    }

    [Fact]
    public void A_record_batch_is_journaled_as_its_own_array_and_read_back_without_a_copy()
    {
        var batch = Batches.Stored(42, 3);
        var serializer = (PartitionEventAkkaSerializer)Sys.Serialization.FindSerializerFor(batch);

        var bytes = serializer.ToBinary(batch);
        var read = Assert.IsType<RecordBatch>(serializer.FromBinary(bytes, serializer.Manifest(batch)));

        Assert.Equal(batch.Bytes.ToArray(), bytes);
        Assert.Equal(42, read.BaseOffset);
        Assert.Equal(new LogTruncated(7), serializer.FromBinary(serializer.ToBinary(new LogTruncated(7)), "T"));
        Assert.Throws<System.Runtime.Serialization.SerializationException>(() => serializer.FromBinary(bytes[..20], "B"));
    }
}
