using System.Threading.Channels;
using ActorBroker.Actors;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace ActorBroker.Benchmarks.Actors;

/// <summary>
/// Message hand-off through the actor runtime next to the same hand-off through raw
/// <see cref="Channel"/>s, in one class so that one run measures all of them under the same
/// machine load. Throughput results are per message (or per round trip): each benchmark sets
/// <c>OperationsPerInvoke</c> to the number of messages it moves.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ShortConfig))]
public class ActorMessagingBenchmarks
{
    /// <summary>Messages per one-way invocation.</summary>
    public const int Messages = 1_000_000;

    /// <summary>Round trips per ping-pong invocation: fewer, since each one waits for a reply.</summary>
    public const int RoundTrips = 100_000;

    // One preallocated message for every send: the benchmarks measure the runtime, not the message.
    private static readonly Msg _msg = new();
    private static readonly Start _start = new();

    private ActorSystem _system = null!;
    private IActorRef _counter = null!;
    private IActorRef _sender = null!;
    private IActorRef _pinger = null!;
    private CounterState _counterState = null!;
    private CounterState _pingState = null!;

    [GlobalSetup]
    public void Setup()
    {
        _system = ActorSystem.Create("bench");
        _counterState = new CounterState();
        _pingState = new CounterState();
        _counter = _system.ActorOf(Props.Create(() => new Counter(_counterState)), "counter");
        _sender = _system.ActorOf(Props.Create(() => new Sender(_counter)), "sender");
        var ponger = _system.ActorOf(Props.Create(() => new Ponger()), "ponger");
        _pinger = _system.ActorOf(Props.Create(() => new Pinger(ponger, _pingState)), "pinger");
    }

    [GlobalCleanup]
    public void Cleanup() => _system.Terminate().GetAwaiter().GetResult();

    /// <summary>A sender actor tells <see cref="Messages"/> messages to a counting receiver actor.</summary>
    [Benchmark(OperationsPerInvoke = Messages)]
    public Task Tell_ActorToActor()
    {
        var done = _counterState.Arm(Messages);
        _sender.Tell(_start, ActorRefs.NoSender);
        return done;
    }

    /// <summary>The benchmark thread itself tells <see cref="Messages"/> messages to the counting receiver actor.</summary>
    [Benchmark(OperationsPerInvoke = Messages)]
    public Task Tell_FromThread()
    {
        var done = _counterState.Arm(Messages);
        var counter = _counter;
        for (var i = 0; i < Messages; i++) counter.Tell(_msg, ActorRefs.NoSender);
        return done;
    }

    /// <summary><see cref="RoundTrips"/> request/reply round trips between two actors.</summary>
    [Benchmark(OperationsPerInvoke = RoundTrips)]
    public Task PingPong_Actors()
    {
        var done = _pingState.Arm(RoundTrips);
        _pinger.Tell(_start, ActorRefs.NoSender);
        return done;
    }

    /// <summary>Baseline: a producer task writes <see cref="Messages"/> items into an unbounded single-reader channel, a consumer task reads them.</summary>
    [Benchmark(OperationsPerInvoke = Messages)]
    public Task Channel_Pump_Unbounded()
    {
        var channel = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
        return Pump(channel);
    }

    /// <summary>Baseline: the same pump through a bounded channel of 1,024 items, so the producer waits when it is full.</summary>
    [Benchmark(OperationsPerInvoke = Messages)]
    public Task Channel_Pump_Bounded()
    {
        var channel = Channel.CreateBounded<object>(new BoundedChannelOptions(1024) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        return Pump(channel);
    }

    /// <summary>Baseline: <see cref="RoundTrips"/> round trips between two tasks over two unbounded channels.</summary>
    [Benchmark(OperationsPerInvoke = RoundTrips)]
    public async Task Channel_PingPong()
    {
        var options = new UnboundedChannelOptions { SingleReader = true, SingleWriter = true };
        var pings = Channel.CreateUnbounded<object>(options);
        var pongs = Channel.CreateUnbounded<object>(options);
        var ponger = Task.Run(async () =>
        {
            for (var i = 0; i < RoundTrips; i++)
            {
                var msg = await pings.Reader.ReadAsync().ConfigureAwait(false);
                pongs.Writer.TryWrite(msg);
            }
        });
        var pinger = Task.Run(async () =>
        {
            for (var i = 0; i < RoundTrips; i++)
            {
                pings.Writer.TryWrite(_msg);
                await pongs.Reader.ReadAsync().ConfigureAwait(false);
            }
        });
        await Task.WhenAll(ponger, pinger).ConfigureAwait(false);
    }

    private static async Task Pump(Channel<object> channel)
    {
        var consumer = Task.Run(async () =>
        {
            var reader = channel.Reader;
            var count = 0;
            while (count < Messages && await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (reader.TryRead(out _)) count++;
            }
        });
        var producer = Task.Run(async () =>
        {
            var writer = channel.Writer;
            for (var i = 0; i < Messages; i++)
            {
                if (!writer.TryWrite(_msg)) await writer.WriteAsync(_msg).ConfigureAwait(false);
            }
        });
        await Task.WhenAll(consumer, producer).ConfigureAwait(false);
    }

    /// <summary>
    /// Few iterations with no unrolling: one invocation moves a million messages, and the 2-core
    /// machine is shared, so a run must stay short.
    /// </summary>
    private sealed class ShortConfig : ManualConfig
    {
        public ShortConfig() =>
            AddJob(Job.ShortRun.WithUnrollFactor(1).WithWarmupCount(3).WithIterationCount(5).WithId("Short"));
    }

    private sealed class Msg;

    private sealed class Start;

    /// <summary>Set by the benchmark thread before the first message of an invocation, then owned by one actor.</summary>
    private sealed class CounterState
    {
        public int Remaining;
        public TaskCompletionSource Done = new();

        public Task Arm(int count)
        {
            Done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Remaining = count;
            return Done.Task;
        }

        /// <summary>Counts one message; true while more are expected. Remaining must not be read after the last one: the benchmark thread may already re-arm.</summary>
        public bool CountOne()
        {
            if (--Remaining > 0) return true;
            Done.TrySetResult();
            return false;
        }
    }

    private sealed class Counter : ReceiveActor
    {
        public Counter(CounterState state) => Receive<Msg>(_ => state.CountOne());
    }

    private sealed class Sender : ReceiveActor
    {
        public Sender(IActorRef target) =>
            Receive<Start>(_ =>
            {
                var self = Self;
                for (var i = 0; i < Messages; i++) target.Tell(_msg, self);
            });
    }

    private sealed class Pinger : ReceiveActor
    {
        public Pinger(IActorRef ponger, CounterState state)
        {
            Receive<Start>(_ => ponger.Tell(_msg, Self));
            Receive<Msg>(m =>
            {
                if (state.CountOne()) ponger.Tell(m, Self);
            });
        }
    }

    private sealed class Ponger : ReceiveActor
    {
        public Ponger() => Receive<Msg>(m => Sender.Tell(m, Self));
    }
}
