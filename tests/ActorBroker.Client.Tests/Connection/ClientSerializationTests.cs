using ActorBroker.Client.Settings;
using ActorBroker.Protocol.Serialization;
using Akka.Cluster.Tools.Client;
using Akka.Cluster.Tools.PublishSubscribe;

namespace ActorBroker.Client.Tests.Connection;

/// <summary>Nothing a client sends or receives over the network falls back to Akka's default JSON serializer.</summary>
public sealed class ClientSerializationTests
{
    private const int PubSubSerializerId = 9;
    private const int ClusterClientSerializerId = 15;

    [Fact]
    public async Task Every_message_on_a_client_connection_has_a_binary_serializer()
    {
        // Nothing listens on port 1: the connection only has to exist, with its cluster client started (a cluster client
        // with legacy serialization on would unbind its own messages when it starts).
        await using var connection = ClientConnection.Create(ClientSettings.Default with { BootstrapServers = ["127.0.0.1:1"] });
        var serialization = connection.System.Serialization;

        Assert.All(ProtocolCodec.MessageTypes, t => Assert.IsType<ProtocolAkkaSerializer>(serialization.FindSerializerForType(t)));
        // The cluster client wraps each request in a pub-sub Send, whose serializer carries the request with its own.
        // Akka's pub-sub (id 9) and cluster-client (id 15) serializers sit behind the project's nesting guard, which
        // keeps their identifiers; what matters is that neither is the refusal bound to object.
        var unbound = serialization.FindSerializerForType(typeof(object));
        Assert.Equal(PubSubSerializerId, serialization.FindSerializerForType(typeof(Send)).Identifier);
        var contactAndHeartbeatMessages = typeof(ClusterClient).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(IClusterClientProtocolMessage).IsAssignableFrom(t)).ToList();
        Assert.NotEmpty(contactAndHeartbeatMessages);
        Assert.All(contactAndHeartbeatMessages, t => Assert.Equal(ClusterClientSerializerId, serialization.FindSerializerForType(t).Identifier));
        Assert.All(contactAndHeartbeatMessages.Append(typeof(Send)), t => Assert.NotSame(unbound, serialization.FindSerializerForType(t)));
    }
}
