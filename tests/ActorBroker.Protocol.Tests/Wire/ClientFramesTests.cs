using ActorBroker.Protocol.Serialization.Wire;
using static ActorBroker.Protocol.Tests.Wire.AkkaPdus;

namespace ActorBroker.Protocol.Tests.Wire;

/// <summary>
/// What a node lets through from a client certificate's connection, frame by frame: the cluster client's and the
/// broker contract's traffic, and nothing that would let a client act as a node, stop or watch an actor, or reach any
/// actor but the broker's front and the receptionist.
/// </summary>
public sealed class ClientFramesTests
{
    private const int ClusterSerializer = 5, SelectionSerializer = 6, PubSubSerializer = 9, ClusterClientSerializer = 15, MiscSerializer = 16;

    private readonly ClientFrames _frames = new("broker");

    private string? Refusal(byte[] pdu) => _frames.Refusal(pdu, out _);

    private ClientFrames Associated()
    {
        Assert.Null(Refusal(Associate()));
        return _frames;
    }

    [Fact]
    public void The_cluster_clients_and_the_broker_contracts_own_frames_pass()
    {
        Assert.Null(Refusal(Associate()));
        Assert.Equal(new Akka.Actor.Address("akka.ssl.tcp", "app", "127.0.0.1", 40000), _frames.Origin);

        Assert.Null(Refusal(Heartbeat()));
        Assert.Null(Refusal(Message(Node, SelectionSerializer, "", Selection(["system", "receptionist"], ClusterClientSerializer, "B"), sender: null)));
        Assert.Null(Refusal(Message(Node + "/system/receptionist", ClusterClientSerializer, "C", [])));
        Assert.Null(Refusal(Message(Node + "/system/receptionist", PubSubSerializer, "C", PubSubSend("/user/broker", ProtocolSerializer))));
        Assert.Null(Refusal(Message(Node + "/user/broker#1234", ProtocolSerializer, "P", [9])));
        // Acknowledgements of the node's own system messages, without an envelope.
        Assert.Null(Refusal(new Proto().Bytes(1, new Proto().Message(1, new Proto().Fixed64(1, 3)).ToArray()).ToArray()));
    }

    [Fact]
    public void A_handshake_in_the_name_of_the_clusters_actor_system_is_refused_and_ends_the_connection()
    {
        var refusal = _frames.Refusal(Associate("broker"), out var close);

        Assert.Contains("in the name of the cluster's actor system 'broker'", refusal, StringComparison.Ordinal);
        Assert.True(close);
        Assert.Null(_frames.Origin);
    }

    [Fact]
    public void A_message_before_the_handshake_is_refused()
    {
        Assert.Equal("a message before the handshake", Refusal(Message(Node + "/user/broker", ProtocolSerializer, "P", [])));
    }

    [Fact]
    public void Messages_to_any_actor_but_the_broker_front_and_the_receptionist_are_refused()
    {
        Associated();

        Assert.Contains("a message to /system/cluster/core/daemon", Refusal(Message(Node + "/system/cluster/core/daemon", ClusterSerializer, "InitJoin", [])), StringComparison.Ordinal);
        Assert.Contains("a message to /user/controller/singleton", Refusal(Message(Node + "/user/controller/singleton", ProtocolSerializer, "P", [])), StringComparison.Ordinal);
        Assert.Contains("a message to /system/remote-watcher", Refusal(Message(Node + "/system/remote-watcher", MiscSerializer, "RWHR", [])), StringComparison.Ordinal);
    }

    [Fact]
    public void PoisonPill_and_other_akka_messages_to_the_broker_front_are_refused()
    {
        Associated();

        Assert.Contains("not a broker request (serializer 16)", Refusal(Message(Node + "/user/broker", MiscSerializer, "PP", [])), StringComparison.Ordinal);
        Assert.Contains("the cluster client does not send", Refusal(Message(Node + "/system/receptionist", MiscSerializer, "PP", [])), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(7UL)]
    [InlineData(null)] // an absent sequence number reads as 0: a system message too
    public void System_messages_are_refused(ulong? sequenceNumber)
    {
        Associated();

        var refusal = Refusal(Message(Node + "/user/broker", 22, "", [], sequenceNumber: sequenceNumber));

        Assert.StartsWith("a system message", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broker_request_without_a_sender_is_refused_since_the_sender_says_whose_it_is()
    {
        Associated();

        Assert.Equal("a broker request without a sender", Refusal(Message(Node + "/user/broker", ProtocolSerializer, "P", [], sender: null)));
        Assert.Contains("without a sender", Refusal(Message(Node + "/system/receptionist", PubSubSerializer, "C", PubSubSend("/user/broker", ProtocolSerializer), sender: null)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_sender_outside_the_clients_own_actor_system_is_refused()
    {
        Associated();

        var refusal = Refusal(Message(Node + "/user/broker", ProtocolSerializer, "P", [], sender: Node + "/system/cluster/core/daemon"));

        Assert.Contains("is not in the client's own actor system", refusal, StringComparison.Ordinal);
        Assert.Null(Refusal(Message(Node + "/user/broker", ProtocolSerializer, "P", [], sender: Client + "/user/producer")));
    }

    [Fact]
    public void The_cluster_client_may_forward_broker_requests_to_the_broker_front_only()
    {
        Associated();
        var receptionist = Node + "/system/receptionist";

        Assert.Contains("clients may send to /user/broker only", Refusal(Message(receptionist, PubSubSerializer, "C", PubSubSend("/system/cluster/core/daemon", ProtocolSerializer))), StringComparison.Ordinal);
        Assert.Contains("not a broker request (serializer 16)", Refusal(Message(receptionist, PubSubSerializer, "C", PubSubSend("/user/broker", MiscSerializer))), StringComparison.Ordinal);
        // SendToAll and Publish reach every node's subscribers: the client does not use them.
        Assert.Contains("does not send", Refusal(Message(receptionist, PubSubSerializer, "D", PubSubSend("/user/broker", ProtocolSerializer))), StringComparison.Ordinal);
    }

    [Fact]
    public void Selections_reach_the_receptionist_by_name_only()
    {
        Associated();

        Assert.Contains("clients may select /system/receptionist only", Refusal(Selecting(["user", "broker"], ProtocolSerializer, "P")), StringComparison.Ordinal);
        Assert.Contains("clients may select /system/receptionist only", Refusal(Selecting(["system", "cluster", "core", "daemon"], ClusterSerializer, "InitJoin")), StringComparison.Ordinal);
        Assert.Contains("a wildcard or a parent", Refusal(Selecting(["system", "*"], ClusterClientSerializer, "B")), StringComparison.Ordinal);
        Assert.Contains("a wildcard or a parent", Refusal(Selecting(["system", "receptionist", "..", "receptionist"], ClusterClientSerializer, "B")), StringComparison.Ordinal);
        Assert.Contains("the cluster client does not send", Refusal(Selecting(["system", "receptionist"], MiscSerializer, "PP")), StringComparison.Ordinal);
        Assert.Null(Refusal(Selecting(["system", "receptionist"], MiscSerializer, "ID")));
    }

    [Fact]
    public void Frames_akka_would_read_differently_than_the_check_are_refused()
    {
        Associated();

        // Two recipients: protobuf merges them, so the check cannot know which Akka delivers to.
        var twoRecipients = new Proto()
            .Message(1, new Proto().Text(1, Node + "/user/broker"))
            .Message(1, new Proto().Text(1, Node + "/system/cluster/core/daemon"))
            .Message(2, Payload(ProtocolSerializer, "P", []))
            .Fixed64(5, NoSequenceNumber);
        Assert.Equal("a malformed envelope", Refusal(Container(twoRecipients)));
        Assert.Equal("a malformed frame", Refusal([0x0A, 0xFF, 0xFF, 0xFF, 0x0F, 1]));
        Assert.Equal("a second handshake on one connection", Refusal(Associate()));
    }

    private static byte[] Selecting(string[] elements, int serializer, string manifest) =>
        Message(Node, SelectionSerializer, "", Selection(elements, serializer, manifest), sender: null);
}
