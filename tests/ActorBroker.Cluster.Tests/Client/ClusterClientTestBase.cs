using ActorBroker.Actors;
using ActorBroker.Cluster.Client;
using ActorBroker.Cluster.Tests.MultiNode;
using ActorBroker.TestKit;
using Xunit.Abstractions;

namespace ActorBroker.Cluster.Tests.Client;

/// <summary>Cluster members with receptionists, and client nodes outside the cluster (provider = remote).</summary>
public abstract class ClusterClientTestBase(ITestOutputHelper output) : ClusterTestBase(output)
{
    /// <summary>Client timings scaled down like TestNodes.ClusterConfig: a lost receptionist is noticed within about 1.2 s.</summary>
    protected const string ClientConfig = """
        actorbroker.actor.provider = remote
        actorbroker.cluster.client {
          establishing-get-contacts-interval = 200ms
          heartbeat-interval = 200ms
          acceptable-heartbeat-pause = 1s
        }
        """;

    protected static ActorPath ReceptionistOf(ActorSystem member) => ActorPath.Root(member.Address).Child("system").Child("receptionist");

    /// <summary>Starts a non-member node running a cluster client with the given contacts.</summary>
    protected (ActorSystem Node, IActorRef Client) StartClient(IEnumerable<ActorSystem> contacts, string? extraConfig = null) =>
        StartClient(contacts.Select(ReceptionistOf), extraConfig);

    protected (ActorSystem Node, IActorRef Client) StartClient(IEnumerable<ActorPath> contacts, string? extraConfig = null)
    {
        var node = Nodes.StartNode(ClientConfig + "\n" + extraConfig);
        var settings = ClusterClientSettings.Create(node).WithInitialContacts(contacts);
        return (node, node.ActorOf(ClusterClient.Props(settings), "client"));
    }

    /// <summary>Starts an echo service at /user/echo on <paramref name="member"/> and registers it with the receptionist.</summary>
    protected static IActorRef RegisterEcho(ActorSystem member)
    {
        var echo = member.ActorOf(Props.Create(() => new Echo()), "echo");
        ClusterClientReceptionist.Get(member).RegisterService(echo);
        return echo;
    }

    /// <summary>The reply an echo on <paramref name="member"/> gives to <paramref name="text"/>.</summary>
    protected static string EchoOf(string text, ActorSystem member) => $"{text}@{member.Address.Port}";

    /// <summary>Waits until the receptionist of <paramref name="member"/> routes to exactly <paramref name="echoHosts"/>' echo services.</summary>
    protected static Task AwaitEchoRoutesAsync(ActorSystem member, params ActorSystem[] echoHosts)
    {
        var expected = echoHosts.Select(h => ActorPath.Root(h.Address).Child("user").Child("echo").ToString()).Order(StringComparer.Ordinal).ToList();
        var receptionist = ClusterClientReceptionist.Get(member).Underlying;
        return TestKitBase.CreateTestProbe(member).AwaitAssertAsync(async () =>
        {
            var services = await receptionist.Ask<ClusterReceptionist.Services>(ClusterReceptionist.GetServices.Instance, TimeSpan.FromSeconds(3));
            Assert.Equal(expected, services.Instances);
        }, Long);
    }

    /// <summary>Waits until <paramref name="client"/> has a receptionist that satisfies <paramref name="accept"/>, and returns it.</summary>
    protected static async Task<ClusterClient.CurrentReceptionist> AwaitReceptionistAsync(ActorSystem node, IActorRef client, Func<ActorPath, bool> accept)
    {
        ClusterClient.CurrentReceptionist? current = null;
        await TestKitBase.CreateTestProbe(node).AwaitAssertAsync(async () =>
        {
            current = await client.Ask<ClusterClient.CurrentReceptionist>(ClusterClient.GetCurrentReceptionist.Instance, TimeSpan.FromSeconds(3));
            Assert.NotNull(current.Receptionist);
            Assert.True(accept(current.Receptionist.Path), $"receptionist {current.Receptionist.Path} not accepted");
        }, Long);
        return current!;
    }

    /// <summary>Replies "text@port" to a string, so a test sees which member answered.</summary>
    protected sealed class Echo : ReceiveActor
    {
        public Echo() => Receive<string>(text => Sender.Tell($"{text}@{Context.System.Address.Port}", Self));
    }
}
