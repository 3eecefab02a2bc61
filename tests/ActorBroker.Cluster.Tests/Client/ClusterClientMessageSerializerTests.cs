using ActorBroker.Actors;
using ActorBroker.Actors.Serialization;
using ActorBroker.Cluster.Client;
using ActorBroker.Cluster.Tests.MultiNode;

namespace ActorBroker.Cluster.Tests.Client;

public sealed class ClusterClientMessageSerializerTests : IDisposable
{
    private readonly ActorSystem _system = ActorSystem.Create("serializer-test");

    public ClusterClientMessageSerializerTests() => ClusterClientMessageSerializer.Register(_system);

    [Fact]
    public void Send_carries_the_user_message_with_its_own_serializer_not_as_json()
    {
        var original = new ClusterClient.Send("/user/orders", "payload", LocalAffinity: true);

        var payload = _system.Serialization.Serialize(original);
        var back = (ClusterClient.Send)_system.Serialization.Deserialize(payload.Payload, payload.SerializerId, payload.Manifest);

        Assert.Equal(ClusterClientMessageSerializer.Id, payload.SerializerId);
        Assert.Equal(original, back);
        Assert.DoesNotContain((byte)'{', payload.Payload);
        // The nested message keeps the primitive serializer's id, right after the path and the flag.
        Assert.Equal(PrimitiveSerializer.Id, BitConverter.ToInt32(payload.Payload, 1 + "/user/orders".Length + 1));
    }

    [Fact]
    public void Control_messages_round_trip()
    {
        object[] messages =
        [
            new ClusterClient.SendToAll("/user/a", new byte[] { 1, 2, 3 }), GetContacts.Instance, ClientHeartbeat.Instance, ClientHeartbeatResponse.Instance,
            new Contacts(["abroker.tcp://b@127.0.0.1:1/system/receptionist"]), new ServicesSnapshot(["/user/a", "/user/b"]),
        ];
        foreach (var message in messages)
        {
            var payload = _system.Serialization.Serialize(message);
            var back = _system.Serialization.Deserialize(payload.Payload, payload.SerializerId, payload.Manifest);
            Assert.Equal(message.GetType(), back.GetType());
        }

        var contacts = (Contacts)RoundTrip(messages[4]);
        Assert.Equal(((Contacts)messages[4]).ContactPoints, contacts.ContactPoints);
        Assert.Equal(new byte[] { 1, 2, 3 }, ((ClusterClient.SendToAll)RoundTrip(messages[0])).Message);
    }

    [Fact]
    public void A_truncated_payload_fails_as_a_serialization_error()
    {
        var payload = _system.Serialization.Serialize(new ClusterClient.Send("/user/orders", "payload"));

        Assert.Throws<SerializationException>(() => _system.Serialization.Deserialize(payload.Payload.AsSpan(0, payload.Payload.Length - 3), payload.SerializerId, payload.Manifest));
    }

    public void Dispose() => new Terminator(_system).Dispose();

    private object RoundTrip(object message)
    {
        var payload = _system.Serialization.Serialize(message);
        return _system.Serialization.Deserialize(payload.Payload, payload.SerializerId, payload.Manifest);
    }
}
