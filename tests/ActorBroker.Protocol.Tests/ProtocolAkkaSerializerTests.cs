using ActorBroker.Protocol.Messages;
using ActorBroker.Protocol.Serialization;
using Akka.Actor;
using Akka.Configuration;
using Xunit.Abstractions;

namespace ActorBroker.Protocol.Tests;

public class ProtocolAkkaSerializerTests(ITestOutputHelper output)
    : Akka.TestKit.Xunit2.TestKit(RemoteConfig.WithFallback(ProtocolAkkaSerialization.Config), "protocol-receiver", output)
{
    private static readonly Config RemoteConfig = ConfigurationFactory.ParseString("""
        akka.actor.provider = remote
        akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }
        akka.loglevel = WARNING
        """);

    [Fact]
    public void Every_message_type_of_the_contract_is_bound_to_the_binary_serializer()
    {
        Assert.All(ProtocolCodec.MessageTypes, type => Assert.IsType<ProtocolAkkaSerializer>(Sys.Serialization.FindSerializerForType(type)));
    }

    [Fact]
    public void Every_message_round_trips_through_akka_serialization()
    {
        foreach (var message in ProtocolSamples.All())
        {
            var serializer = Assert.IsType<ProtocolAkkaSerializer>(Sys.Serialization.FindSerializerFor(message));
            var bytes = serializer.ToBinary(message);
            var copy = Sys.Serialization.Deserialize(bytes, ProtocolAkkaSerializer.Id, serializer.Manifest(message));
            Assert.Equal(bytes, serializer.ToBinary(copy));
        }
    }

    [Fact]
    public void Malformed_bytes_are_a_serialization_error_naming_the_manifest()
    {
        var error = Assert.Throws<System.Runtime.Serialization.SerializationException>(() => Sys.Serialization.Deserialize([0, 1, 2], ProtocolAkkaSerializer.Id, "PQ"));
        Assert.Contains("'PQ'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Produce_and_fetch_messages_cross_akka_remoting_between_two_systems()
    {
        var sender = ActorSystem.Create("protocol-sender", RemoteConfig.WithFallback(ProtocolAkkaSerialization.Config));
        try
        {
            var probe = CreateTestProbe();
            var receiverAddress = ((ExtendedActorSystem)Sys).Provider.DefaultAddress;
            var remoteProbe = sender.ActorSelection(probe.Ref.Path.ToStringWithAddress(receiverAddress));
            var produce = new ProduceRequest(ProtocolSamples.Tp, Acks.All, 30_000, ProtocolSamples.Batch(0, 16, valueBytes: 4096), 1);
            var fetched = new FetchResponse(ProtocolSamples.Tp, ErrorCode.None, 32, 0, [ProtocolSamples.Batch(0, 16), ProtocolSamples.Batch(16, 16)], null, 2);

            remoteProbe.Tell(produce);
            remoteProbe.Tell(fetched);

            var received = await probe.ExpectMsgAsync<ProduceRequest>();
            Assert.Equal(produce.Batches.Single().Bytes.ToArray(), received.Batches.Single().Bytes.ToArray());
            Assert.Equal(1L, received.CorrelationId);
            var receivedFetch = await probe.ExpectMsgAsync<FetchResponse>();
            Assert.Equal([0L, 16L], receivedFetch.Batches.Select(b => b.BaseOffset));
        }
        finally
        {
            await sender.Terminate();
        }
    }
}
