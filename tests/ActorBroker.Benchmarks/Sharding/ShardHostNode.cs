using System.Globalization;
using ActorBroker.Actors;
using ActorBroker.Benchmarks.Remote;
using ActorBroker.Cluster.Sharding;

namespace ActorBroker.Benchmarks.Sharding;

/// <summary>
/// The child process of <see cref="ShardingHarness"/> (hidden mode <c>--shard-host --seed ADDRESS --ack-every K</c>):
/// joins the harness's cluster with the host role, starts the benchmark's shard region (so the coordinator and
/// every shard run here), prints the ready marker once Up, and serves until its stdin closes.
/// </summary>
internal static class ShardHostNode
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    public static async Task<int> RunAsync(string[] args)
    {
        using var stop = new CancellationTokenSource(Lifetime);
        _ = Task.Run(() =>
        {
            Console.In.ReadToEnd();
            stop.Cancel();
        });

        var seed = RemoteHarness.Option(args, "--seed", "");
        var ackEvery = int.Parse(RemoteHarness.Option(args, "--ack-every", "1000"), CultureInfo.InvariantCulture);
        await using var system = ActorSystem.Create("bench", ShardingHarness.NodeConfig(0, seed, $"\"{ShardingHarness.HostRole}\""));
        await Cluster.Cluster.Get(system).WhenUp.WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        var sharding = ClusterSharding.Get(system);
        var settings = ClusterShardingSettings.Create(system).WithRole(ShardingHarness.HostRole);
        sharding.Start(ShardingHarness.TypeName, _ => Props.Create(() => new CountingReceiver(ackEvery)), settings, new SingleEntityExtractor(),
            LeastShardAllocationStrategy.From(settings), PoisonPill.Instance);
        Console.WriteLine(ReceiverNode.ReadyMarker + system.Address);
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        await system.Terminate().ConfigureAwait(false);
        return 0;
    }
}
