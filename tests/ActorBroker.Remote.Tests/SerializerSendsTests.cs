using System.Buffers;
using System.Text;
using ActorBroker.Actors;
using ActorBroker.Actors.Serialization;
using Xunit.Abstractions;

namespace ActorBroker.Remote.Tests;

/// <summary>
/// A serializer may itself send (e.g. to report or to fetch something) while the remote layer encodes a message,
/// even to the node that message is going to. That must neither corrupt the message being encoded nor deadlock.
/// </summary>
public sealed class SerializerSendsTests(ITestOutputHelper output) : RemoteTestKit(output)
{
    private sealed record Chatty(string Text);

    /// <summary>Writes the text in two halves and, in between, tells the ref <paramref name="sideNoteTo"/> picks for it a side note.</summary>
    private sealed class ChattySerializer(Func<string, IActorRef?> sideNoteTo, IActorRef? replyTo) : Serializer
    {
        /// <summary>The receiving side's: it only deserializes (and serializes echoes back, without side notes).</summary>
        public static readonly ChattySerializer Quiet = new(_ => null, null);

        public override int Identifier => 4711;

        public override string Manifest(object obj) => "";

        public override void ToBinary(object obj, IBufferWriter<byte> output)
        {
            var text = ((Chatty)obj).Text;
            var bytes = Encoding.UTF8.GetBytes(text);
            var half = bytes.Length / 2;
            output.Write(bytes.AsSpan(0, half));
            sideNoteTo(text)?.Tell("side note", replyTo);
            output.Write(bytes.AsSpan(half));
        }

        public override object FromBinary(ReadOnlySpan<byte> bytes, string manifest) => new Chatty(Encoding.UTF8.GetString(bytes));
    }

    private static void Register(ActorSystem system, Serializer serializer)
    {
        system.Serialization.AddSerializer(serializer);
        system.Serialization.Bind(typeof(Chatty), serializer.Identifier);
    }

    [Fact]
    public void A_serializer_that_sends_to_the_same_node_while_encoding_corrupts_nothing()
    {
        var other = Nodes.StartNode();
        other.ActorOf(Props.Create(() => new Echo()), "echo");
        var echo = Sys.Provider.ResolveActorRef(ActorPath.Parse($"{other.Address}/user/echo"));
        Register(other, ChattySerializer.Quiet);
        Register(Sys, new ChattySerializer(_ => echo, TestActor));

        echo.Tell(new Chatty("the quick brown fox jumps over the lazy dog"), TestActor);

        ExpectMsgAllOf<object>(new Chatty("the quick brown fox jumps over the lazy dog"), "side note");
    }

    [Fact]
    public async Task Serializers_that_send_across_two_associations_from_two_threads_do_not_deadlock()
    {
        var first = Nodes.StartNode();
        var second = Nodes.StartNode();
        first.ActorOf(Props.Create(() => new Echo()), "echo");
        second.ActorOf(Props.Create(() => new Echo()), "echo");
        var toFirst = Sys.Provider.ResolveActorRef(ActorPath.Parse($"{first.Address}/user/echo"));
        var toSecond = Sys.Provider.ResolveActorRef(ActorPath.Parse($"{second.Address}/user/echo"));
        var probe = CreateTestProbe();
        // A message to one node makes the serializer send to the other: two threads doing this at once would each
        // hold one association while waiting for the other's, if encoding happened under the association's lock.
        Register(first, ChattySerializer.Quiet);
        Register(second, ChattySerializer.Quiet);
        Register(Sys, new ChattySerializer(text => text.StartsWith('0') ? toSecond : toFirst, probe.Ref));

        const int PerThread = 5_000;
        using var start = new Barrier(2);
        var sending = Task.WhenAll(Enumerable.Range(0, 2).Select(thread => Task.Factory.StartNew(() =>
        {
            var target = thread == 0 ? toFirst : toSecond;
            start.SignalAndWait();
            for (var i = 0; i < PerThread; i++) target.Tell(new Chatty($"{thread}:{i}"), probe.Ref);
        }, TaskCreationOptions.LongRunning)));
        await sending.WaitAsync(TimeSpan.FromSeconds(20)); // a TimeoutException here means the senders deadlocked

        var received = probe.ReceiveN(4 * PerThread, TimeSpan.FromSeconds(20));
        Assert.Equal(2 * PerThread, received.OfType<Chatty>().Count());
        Assert.Equal(2 * PerThread, received.OfType<string>().Count());
    }
}
