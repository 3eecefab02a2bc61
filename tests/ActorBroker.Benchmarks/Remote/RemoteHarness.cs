using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using ActorBroker.Actors;
using ActorBroker.Remote;
using ActorBroker.Remote.Transport;

namespace ActorBroker.Benchmarks.Remote;

/// <summary>
/// One-way remote message throughput between two processes on loopback, next to a raw length-prefixed TCP
/// pump between two processes in the same run. The receivers are child processes (<see cref="ReceiverNode"/>);
/// this process hosts the sending actor system and the raw writer. Remote and raw rounds alternate, so load
/// from elsewhere on the machine hits both alike. A third measurement, the pump whose reader hands each frame to
/// a consumer thread (<see cref="RawHandOff"/>), shows the ceiling for anything that delivers messages to actors.
/// </summary>
/// <remarks>
/// Usage: <c>--remote [--count 2000000] [--warmup 3000000] [--rounds 5] [--window 20000] [--ack-every 1000]
/// [--variants long,byte[100]] [--raw off] [--handoff mailbox|channel|off]</c>; <c>--raw off</c> leaves out both
/// pumps, e.g. while profiling.
/// </remarks>
internal static class RemoteHarness
{
    // ERROR: when one process stops, the other logs a warning about its lost peer; dead letters are counted, not logged.
    public const string NodeConfig = """
        actorbroker.loglevel = ERROR
        actorbroker.actor.provider = remote
        actorbroker.remote.hostname = "127.0.0.1"
        actorbroker.remote.port = 0
        """;

    private static readonly TimeSpan RoundTimeout = TimeSpan.FromMinutes(2);

    private sealed record Variant(string Name, Func<long, object> MessageFor);

    private sealed record Round(
        double RemotePerSecond, double RawPerSecond, double HandOffPerSecond,
        double AllocatedPerMessage, double RemoteCpuPerMessage, double RawCpuPerFrame, double HandOffCpuPerFrame);

    /// <summary>CPU time of both processes, so a round's cost per message shows even when other load skews the wall clock.</summary>
    private sealed record Cpu(ReceiverProcess Child)
    {
        public TimeSpan Now => Process.GetCurrentProcess().TotalProcessorTime + Child.ProcessorTime;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var ackEvery = int.Parse(Option(args, "--ack-every", "1000"), CultureInfo.InvariantCulture);
        var window = int.Parse(Option(args, "--window", "20000"), CultureInfo.InvariantCulture);
        // Whole acks only: the sender finishes a round on the ack of its last message.
        var count = long.Parse(Option(args, "--count", "2000000"), CultureInfo.InvariantCulture) / ackEvery * ackEvery;
        var warmup = Math.Max(ackEvery, long.Parse(Option(args, "--warmup", "3000000"), CultureInfo.InvariantCulture) / ackEvery * ackEvery);
        var rounds = int.Parse(Option(args, "--rounds", "5"), CultureInfo.InvariantCulture);
        if (window < ackEvery) throw new ArgumentException("--window must be at least --ack-every, or the sender waits for an ack that never comes");

        var bytes = new byte[100];
        Random.Shared.NextBytes(bytes);
        Variant[] all = [new("long", i => i), new("byte[100]", _ => bytes)];
        var names = Option(args, "--variants", "long,byte[100]").Split(',');
        var variants = all.Where(v => names.Contains(v.Name)).ToArray();
        var withRaw = Option(args, "--raw", "on") != "off";
        var handOff = Option(args, "--handoff", "mailbox") switch
        {
            "mailbox" => RawHandOff.Mailbox,
            "channel" => RawHandOff.Channel,
            "off" => RawHandOff.None,
            var other => throw new ArgumentException($"--handoff must be mailbox, channel or off, not '{other}'"),
        };
        var withHandOff = withRaw && handOff != RawHandOff.None;
        var handOffName = $"raw + {handOff.ToString().ToLowerInvariant()}";

        Console.WriteLine($"remote throughput: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {count:N0} messages per round, "
            + $"window {window:N0}, ack every {ackEvery:N0}, {rounds} rounds after a {warmup:N0}-message warm-up");
        await using var system = ActorSystem.Create("sender", NodeConfig);
        using var remoteChild = await ReceiverProcess.StartAsync("--remote-receiver", "--ack-every", ackEvery.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
        using var rawChild = await ReceiverProcess.StartAsync("--raw-receiver").ConfigureAwait(false);
        var rawPort = int.Parse(rawChild.Endpoint, CultureInfo.InvariantCulture);
        var target = system.Provider.ResolveActorRef(ActorPath.Parse($"{remoteChild.Endpoint}/user/receiver"));
        var sender = system.ActorOf(Props.Create(() => new WindowedSender(window)), "sender");
        system.EventStream.Subscribe<DeadLetter>(system.ActorOf(Props.Create(() => new DeadLetterCounter()), "dead-letters"));

        var remoteCpu = new Cpu(remoteChild);
        var rawCpu = new Cpu(rawChild);
        var frameSizes = variants.Select(v => FrameSize(system, target, sender, v.MessageFor(0))).ToArray();
        for (var v = 0; v < variants.Length; v++)
        {
            await SendRemoteAsync(sender, target, warmup, variants[v]).ConfigureAwait(false);
            if (withRaw) await RunRawAsync(rawCpu, rawPort, warmup, frameSizes[v], RawHandOff.None).ConfigureAwait(false);
            if (withHandOff) await RunRawAsync(rawCpu, rawPort, warmup, frameSizes[v], handOff).ConfigureAwait(false);
        }

        var results = variants.Select(_ => new List<Round>()).ToArray();
        for (var r = 0; r < rounds; r++)
        {
            for (var v = 0; v < variants.Length; v++)
            {
                var allocatedBefore = GC.GetTotalAllocatedBytes();
                var cpuBefore = remoteCpu.Now;
                var remote = await SendRemoteAsync(sender, target, count, variants[v]).ConfigureAwait(false);
                var remoteCpuUsed = remoteCpu.Now - cpuBefore;
                var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;
                var raw = withRaw ? await RunRawAsync(rawCpu, rawPort, count, frameSizes[v], RawHandOff.None).ConfigureAwait(false) : Skipped;
                var handed = withHandOff ? await RunRawAsync(rawCpu, rawPort, count, frameSizes[v], handOff).ConfigureAwait(false) : Skipped;
                var round = new Round(count / remote.TotalSeconds, raw.PerSecond, handed.PerSecond, (double)allocated / count,
                    remoteCpuUsed.TotalNanoseconds / count, raw.CpuPerFrame, handed.CpuPerFrame);
                results[v].Add(round);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"round {r + 1} {variants[v].Name,-9}: remote {round.RemotePerSecond,10:N0} msg/s, {round.RemoteCpuPerMessage,4:N0} ns CPU/msg, {round.AllocatedPerMessage:N0} B/msg allocated by the sender"
                    + $" | raw {Number(round.RawPerSecond),10} frames/s, {Number(round.RawCpuPerFrame),4} ns CPU/frame"
                    + $" | {handOffName} {Number(round.HandOffPerSecond),10} frames/s, {Number(round.HandOffCpuPerFrame),4} ns CPU/frame"
                    + $" | ratio {Ratio(round.RemotePerSecond, round.RawPerSecond)}, of {handOffName} {Ratio(round.RemotePerSecond, round.HandOffPerSecond)}"));
            }
        }

        Console.WriteLine();
        Console.WriteLine($"| variant | frame bytes | remote msg/s (median) | range of {rounds} | raw frames/s (median) | range of {rounds} | {handOffName} frames/s (median) | range of {rounds} | remote / raw | remote / {handOffName} | CPU ns per msg / frame: remote / raw / {handOffName} (medians) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (var v = 0; v < variants.Length; v++)
        {
            var remote = Sorted(results[v], x => x.RemotePerSecond);
            var raw = Sorted(results[v], x => x.RawPerSecond);
            var handed = Sorted(results[v], x => x.HandOffPerSecond);
            var cpu = $"{Number(Median(results[v], x => x.RemoteCpuPerMessage))} / {Number(Median(results[v], x => x.RawCpuPerFrame))} / {Number(Median(results[v], x => x.HandOffCpuPerFrame))}";
            Console.WriteLine(
                $"| {variants[v].Name} | {frameSizes[v]} | {Number(remote[remote.Count / 2])} | {Range(remote)}"
                + $" | {Number(raw[raw.Count / 2])} | {Range(raw)} | {Number(handed[handed.Count / 2])} | {Range(handed)}"
                + $" | {Ratio(remote[remote.Count / 2], raw[raw.Count / 2])} | {Ratio(remote[remote.Count / 2], handed[handed.Count / 2])} | {cpu} |");
        }

        await system.Terminate().ConfigureAwait(false);
        return 0;
    }

    /// <summary>A pump that did not run (--raw off, e.g. while profiling): its columns print empty rather than near zero.</summary>
    private static readonly (double PerSecond, double CpuPerFrame) Skipped = (double.NaN, double.NaN);

    private static async Task<(double PerSecond, double CpuPerFrame)> RunRawAsync(Cpu cpu, int port, long count, int frameSize, RawHandOff handOff)
    {
        var cpuBefore = cpu.Now;
        var elapsed = await RawPump.SendAsync(port, count, frameSize, handOff, CancellationToken.None).WaitAsync(RoundTimeout).ConfigureAwait(false);
        return (count / elapsed.TotalSeconds, (cpu.Now - cpuBefore).TotalNanoseconds / count);
    }

    private static string Number(double value) =>
        double.IsNaN(value) ? "–" : value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Range(List<double> sorted) => double.IsNaN(sorted[0]) ? "–" : $"{Number(sorted[0])}–{Number(sorted[^1])}";

    private static string Ratio(double remote, double raw) =>
        double.IsNaN(raw) ? "–" : (remote / raw).ToString("P0", CultureInfo.InvariantCulture);

    private static List<double> Sorted(List<Round> rounds, Func<Round, double> value) => rounds.Select(value).Order().ToList();

    private static double Median(List<Round> rounds, Func<Round, double> value)
    {
        var sorted = Sorted(rounds, value);
        return sorted[sorted.Count / 2];
    }

    public static string Option(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    private static async Task<TimeSpan> SendRemoteAsync(IActorRef sender, IActorRef target, long count, Variant variant)
    {
        var deadLettersBefore = DeadLetterCounter.Count;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var start = Stopwatch.GetTimestamp();
        sender.Tell(new WindowedSender.Run(target, count, variant.MessageFor, done), ActorRefs.NoSender);
        try
        {
            await done.Task.WaitAsync(RoundTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"the {variant.Name} round did not finish within {RoundTimeout}; {DeadLetterCounter.Count - deadLettersBefore} dead letters");
        }

        var elapsed = Stopwatch.GetElapsedTime(start);
        if (DeadLetterCounter.Count != deadLettersBefore)
            throw new InvalidOperationException($"{DeadLetterCounter.Count - deadLettersBefore} dead letters during the {variant.Name} round: the window did not keep the outbound queue from overflowing");
        return elapsed;
    }

    /// <summary>The bytes the remote layer writes for one such message, length prefix included, so the raw pump moves the same.</summary>
    private static int FrameSize(ActorSystem system, IActorRef target, IActorRef sender, object message)
    {
        var encoder = new MessageEncoder(system.Serialization, int.MaxValue);
        return encoder.Encode(new OutboundEnvelope((RemoteActorRef)target, message, sender), new ArrayBufferWriter<byte>());
    }
}
