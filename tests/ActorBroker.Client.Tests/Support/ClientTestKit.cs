using System.Text;
using ActorBroker.Client.Consumer;
using ActorBroker.Client.Producer;
using ActorBroker.Client.Settings;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using Akka.Actor;
using Akka.TestKit;
using Xunit.Abstractions;

namespace ActorBroker.Client.Tests.Support;

/// <summary>
/// One actor system per test with a fake cluster in it: <see cref="Model"/> says which node leads what,
/// <see cref="Entry"/> answers metadata and admin requests from it, and nodes are either scripted (a TestProbe the
/// test answers by hand) or <see cref="InMemoryNode"/>s storing into <see cref="Logs"/>. Client actors get the entry
/// through the same seam the real connection uses, so everything but the network is the production path.
/// </summary>
public abstract class ClientTestKit(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit("akka.loglevel = WARNING", output)
{
    private IActorRef? _entry;

    protected ClusterModel Model { get; } = new();

    protected PartitionLogs Logs { get; } = new();

    /// <summary>The fake cluster's metadata and admin endpoint.</summary>
    protected IActorRef Entry => _entry ??= Sys.ActorOf(FakeClusterEntry.Props(Model, Logs), "cluster");

    /// <summary>Producer settings with test timings: no linger, quick retries, timeouts of seconds.</summary>
    protected static ProducerSettings FastProducer { get; } = ProducerSettings.Default with
    {
        Linger = TimeSpan.Zero,
        RetryBackoff = TimeSpan.FromMilliseconds(20),
        RequestTimeout = TimeSpan.FromSeconds(2),
        DeliveryTimeout = TimeSpan.FromSeconds(10),
        MaxBlock = TimeSpan.FromSeconds(2),
    };

    /// <summary>Consumer settings with test timings: short long polls and retries, starting at the earliest offset.</summary>
    protected static ConsumerSettings FastConsumer { get; } = ConsumerSettings.Default with
    {
        FetchMaxWait = TimeSpan.FromMilliseconds(100),
        RetryBackoff = TimeSpan.FromMilliseconds(20),
        RequestTimeout = TimeSpan.FromSeconds(2),
        AutoOffsetReset = AutoOffsetReset.Earliest,
    };

    protected IActorRef StartProducer(ProducerSettings settings) => Sys.ActorOf(ProducerActor.Props(settings, Entry, null));

    protected IActorRef StartConsumer(ConsumerSettings settings, IActorRef subscriber) =>
        Sys.ActorOf(ConsumerActor.Props(settings, Entry, subscriber));

    /// <summary>A node whose requests the test answers by hand.</summary>
    protected TestProbe ScriptedNode(string id)
    {
        var probe = CreateTestProbe($"node-{id}");
        Model.AddNode(id, probe.Ref);
        return probe;
    }

    /// <summary>A node that stores what it is sent in <see cref="Logs"/> and serves it back.</summary>
    protected IActorRef StartNode(string id)
    {
        var node = Sys.ActorOf(InMemoryNode.Props(id, Model, Logs), $"node-{id}");
        Model.AddNode(id, node);
        Logs.Listen(node);
        return node;
    }

    /// <summary>
    /// Leaves <paramref name="topic"/>'s metadata known to the producer, for tests with a short max.block: on a busy
    /// machine the first lookup can be answered after it, which fails a record before it is sent (and frees its
    /// memory). A one-byte record that the scripted node answers, retried until one is, rules that out.
    /// </summary>
    protected static async Task KnowTopicAsync(ProducerClient producer, TestProbe node, string topic)
    {
        AnswerProducesOk(node);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await producer.ProduceAsync(topic, null, new byte[1]);
                break;
            }
            catch (BrokerException) when (attempt < 10)
            {
                // max.block passed before the metadata came: the next attempt finds it.
            }
        }

        StopAnswering(node);
    }

    /// <inheritdoc cref="KnowTopicAsync"/>
    protected void KnowTopic(IActorRef producer, TestProbe node, string topic)
    {
        AnswerProducesOk(node);
        for (var attempt = 1; ; attempt++)
        {
            producer.Tell(new Produce(topic, null, new byte[1]), TestActor);
            if (ExpectMsg<object>(m => m is DeliveryReport or DeliveryFailed) is DeliveryReport) break;
            if (attempt == 10) throw new InvalidOperationException($"no record reached topic '{topic}' in 10 attempts");
        }

        StopAnswering(node);
    }

    private static void AnswerProducesOk(TestProbe node) =>
        node.SetAutoPilot(new DelegateAutoPilot((sender, message) =>
        {
            sender.Tell(((ProduceRequest)message).Ok(0));
            return AutoPilot.KeepRunning;
        }));

    private static void StopAnswering(TestProbe node)
    {
        node.SetAutoPilot(NoAutoPilot.Instance);
        node.ExpectMsg<ProduceRequest>(); // the one answered; those that never got their metadata were not sent
    }

    protected static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    protected static string Text(ReadOnlyMemory<byte>? bytes) => bytes is { } b ? Encoding.UTF8.GetString(b.Span) : "<null>";
}
