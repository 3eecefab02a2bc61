using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ActorBroker.Actors;
using ActorBroker.Benchmarks.Remote;
using ActorBroker.Cluster;
using ActorBroker.Cluster.Sharding;
using ActorBroker.Hocon;

namespace ActorBroker.Benchmarks.Sharding;

/// <summary>
/// Messages per second through a shard region to an entity on another node process, next to direct remote
/// tells to the same entity in the same run. This process is a cluster member without the host role, so its
/// region is a proxy and every message crosses the network; the child process (<see cref="ShardHostNode"/>) hosts
/// the shards and the coordinator. Sharded and direct rounds alternate, so load from elsewhere hits both alike.
/// </summary>
/// <remarks>Usage: <c>--sharding [--count 1000000] [--warmup 2000000] [--rounds 5] [--window 20000] [--ack-every 1000]</c>.</remarks>
internal static class ShardingHarness
{
    public const string TypeName = "bench";
    public const string HostRole = "host";
    private static readonly TimeSpan RoundTimeout = TimeSpan.FromMinutes(2);

    /// <summary>A cluster member on loopback; the sharding coordinator keeps its state in memory (nothing here outlives the run).</summary>
    public static Config NodeConfig(int port, string seed, string roles) => ConfigurationFactory.ParseString($$"""
        actorbroker.loglevel = ERROR
        actorbroker.actor.provider = cluster
        actorbroker.remote { hostname = "127.0.0.1", port = {{port}} }
        actorbroker.cluster { seed-nodes = ["{{seed}}"], roles = [{{roles}}] }
        actorbroker.persistence.journal.plugin = inmem
        """, "sharding benchmark node");

    public static async Task<int> RunAsync(string[] args)
    {
        var ackEvery = int.Parse(RemoteHarness.Option(args, "--ack-every", "1000"), CultureInfo.InvariantCulture);
        var window = int.Parse(RemoteHarness.Option(args, "--window", "20000"), CultureInfo.InvariantCulture);
        var count = long.Parse(RemoteHarness.Option(args, "--count", "1000000"), CultureInfo.InvariantCulture) / ackEvery * ackEvery;
        var warmup = Math.Max(ackEvery, long.Parse(RemoteHarness.Option(args, "--warmup", "2000000"), CultureInfo.InvariantCulture) / ackEvery * ackEvery);
        var rounds = int.Parse(RemoteHarness.Option(args, "--rounds", "5"), CultureInfo.InvariantCulture);
        if (window < ackEvery) throw new ArgumentException("--window must be at least --ack-every, or the sender waits for an ack that never comes");

        Console.WriteLine($"sharding throughput: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {count:N0} messages per round, "
            + $"window {window:N0}, ack every {ackEvery:N0}, {rounds} rounds after a {warmup:N0}-message warm-up");
        var port = FreePort();
        var seed = $"abroker.tcp://bench@127.0.0.1:{port}";
        await using var system = ActorSystem.Create("bench", NodeConfig(port, seed, ""));
        await Cluster.Cluster.Get(system).WhenUp.WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        using var host = await ReceiverProcess.StartAsync("--shard-host", "--seed", seed, "--ack-every", ackEvery.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
        var region = ClusterSharding.Get(system).StartProxy(TypeName, HostRole, new SingleEntityExtractor());
        var sender = system.ActorOf(Props.Create(() => new WindowedSender(window)), "sender");
        system.EventStream.Subscribe<DeadLetter>(system.ActorOf(Props.Create(() => new DeadLetterCounter()), "dead-letters"));

        // The warm-up through the region starts the entity; its acks come from it, which gives the direct target.
        var entity = (await SendAsync(sender, region, warmup, "warm-up").ConfigureAwait(false)).AckedBy;
        await SendAsync(sender, entity, warmup, "warm-up").ConfigureAwait(false);
        Console.WriteLine($"entity: {entity.Path}");

        var sharded = new List<double>();
        var direct = new List<double>();
        var shardedCpu = new List<double>();
        var directCpu = new List<double>();
        // CPU time of both processes: a round's cost per message shows even when other load skews the wall clock.
        TimeSpan CpuNow() => Process.GetCurrentProcess().TotalProcessorTime + host.ProcessorTime;
        for (var r = 0; r < rounds; r++)
        {
            var cpuBefore = CpuNow();
            var viaRegion = count / (await SendAsync(sender, region, count, "sharded").ConfigureAwait(false)).Elapsed.TotalSeconds;
            var cpuBetween = CpuNow();
            var viaTell = count / (await SendAsync(sender, entity, count, "direct").ConfigureAwait(false)).Elapsed.TotalSeconds;
            var cpuAfter = CpuNow();
            sharded.Add(viaRegion);
            direct.Add(viaTell);
            shardedCpu.Add((cpuBetween - cpuBefore).TotalNanoseconds / count);
            directCpu.Add((cpuAfter - cpuBetween).TotalNanoseconds / count);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {r + 1}: through the shard region {viaRegion,10:N0} msg/s, {shardedCpu[^1],4:N0} ns CPU/msg | direct remote tell {viaTell,10:N0} msg/s, {directCpu[^1],4:N0} ns CPU/msg | cost {1 - viaRegion / viaTell:P0}"));
        }

        sharded.Sort();
        direct.Sort();
        var medianSharded = sharded[sharded.Count / 2];
        var medianDirect = direct[direct.Count / 2];
        Console.WriteLine();
        shardedCpu.Sort();
        directCpu.Sort();
        Console.WriteLine($"| path | msg/s (median) | range of {rounds} | CPU ns per msg, both processes (median) |");
        Console.WriteLine("|---|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| shard region proxy → remote region → shard → entity | {medianSharded:N0} | {sharded[0]:N0}–{sharded[^1]:N0} | {shardedCpu[rounds / 2]:N0} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| direct remote tell → entity | {medianDirect:N0} | {direct[0]:N0}–{direct[^1]:N0} | {directCpu[rounds / 2]:N0} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cost of routing through sharding (medians): {1 - medianSharded / medianDirect:P0}"));
        await system.Terminate().ConfigureAwait(false);
        return 0;
    }

    private static async Task<(TimeSpan Elapsed, IActorRef AckedBy)> SendAsync(IActorRef sender, IActorRef target, long count, string what)
    {
        var deadLettersBefore = DeadLetterCounter.Count;
        var run = new WindowedSender.Run(target, count, i => i, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        var start = Stopwatch.GetTimestamp();
        sender.Tell(run, ActorRefs.NoSender);
        try
        {
            await run.Done.Task.WaitAsync(RoundTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"the {what} round did not finish within {RoundTimeout}; {DeadLetterCounter.Count - deadLettersBefore} dead letters");
        }

        var elapsed = Stopwatch.GetElapsedTime(start);
        if (DeadLetterCounter.Count != deadLettersBefore)
            throw new InvalidOperationException($"{DeadLetterCounter.Count - deadLettersBefore} dead letters during the {what} round");
        return (elapsed, run.AckedBy ?? throw new InvalidOperationException("no ack arrived"));
    }

    private static int FreePort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}
