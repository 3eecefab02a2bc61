namespace ActorBroker.Actors.Tests;

public sealed class OrderingTests : TestKit.TestKit
{
    private sealed record Numbered(int Sender, int Sequence);

    /// <summary>Checks that each sender's sequence numbers arrive in order; reports violations and completion.</summary>
    private sealed class SequenceChecker : ReceiveActor
    {
        public SequenceChecker(IActorRef probe, int expectedTotal)
        {
            var next = new Dictionary<int, int>();
            var received = 0;
            Receive<Numbered>(n =>
            {
                next.TryGetValue(n.Sender, out var expected);
                if (n.Sequence != expected) probe.Tell($"sender {n.Sender}: expected {expected} but got {n.Sequence}");
                next[n.Sender] = n.Sequence + 1;
                if (++received == expectedTotal) probe.Tell("all received");
            });
        }
    }

    private sealed class Sender : ReceiveActor
    {
        public Sender(int id, IActorRef target, int count) =>
            Receive<string>(_ =>
            {
                for (var i = 0; i < count; i++) target.Tell(new Numbered(id, i), Self);
            });
    }

    [Fact]
    public async Task Each_threads_messages_arrive_in_the_order_it_sent_them()
    {
        const int senders = 8, perSender = 1000;
        var checker = Sys.ActorOf(Props.Create(() => new SequenceChecker(TestActor, senders * perSender)));
        using var start = new ManualResetEventSlim();
        var threads = Enumerable.Range(0, senders).Select(id => Task.Run(() =>
        {
            start.Wait();
            for (var i = 0; i < perSender; i++) checker.Tell(new Numbered(id, i));
        })).ToArray();
        start.Set();
        await Task.WhenAll(threads).WaitAsync(TimeSpan.FromSeconds(10));
        ExpectMsg("all received");
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void Each_actors_messages_arrive_in_the_order_it_sent_them()
    {
        const int senders = 10, perSender = 1000;
        var checker = Sys.ActorOf(Props.Create(() => new SequenceChecker(TestActor, senders * perSender)));
        var actors = Enumerable.Range(0, senders)
            .Select(id => Sys.ActorOf(Props.Create(() => new Sender(id, checker, perSender))))
            .ToList();
        foreach (var a in actors) a.Tell("go");
        ExpectMsg("all received");
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void Messages_to_a_chain_of_actors_keep_their_order()
    {
        var last = Sys.ActorOf(Props.Create(() => new Forwarder(TestActor)));
        var middle = Sys.ActorOf(Props.Create(() => new Forwarder(last)));
        for (var i = 0; i < 500; i++) middle.Tell(i);
        var received = ReceiveN(500).Cast<int>().ToList();
        Assert.Equal(Enumerable.Range(0, 500), received);
    }
}
