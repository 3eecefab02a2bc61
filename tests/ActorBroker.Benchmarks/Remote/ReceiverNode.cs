using System.Globalization;
using System.Net;
using ActorBroker.Actors;

namespace ActorBroker.Benchmarks.Remote;

/// <summary>
/// The child process of <see cref="RemoteHarness"/> (hidden modes <c>--remote-receiver --ack-every K</c> and
/// <c>--raw-receiver</c>): listens on an ephemeral loopback port, prints <c>LISTENING endpoint</c> on stdout
/// and serves until its stdin closes. A lifetime limit ends it even if the parent vanished without killing it.
/// </summary>
internal static class ReceiverNode
{
    public const string ReadyMarker = "LISTENING ";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    public static async Task<int> RunAsync(string mode, string[] args)
    {
        using var stop = new CancellationTokenSource(Lifetime);
        // The parent closes our stdin (or kills us) when it is done.
        _ = Task.Run(() =>
        {
            Console.In.ReadToEnd();
            stop.Cancel();
        });

        if (mode == "--raw-receiver")
        {
            using var listener = RawPump.CreateSocket();
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen(1);
            // A local actor system only: the hand-off baselines deliver frames to its actors.
            await using var local = ActorSystem.Create("raw", "actorbroker.loglevel = ERROR");
            Console.WriteLine(ReadyMarker + ((IPEndPoint)listener.LocalEndPoint!).Port.ToString(CultureInfo.InvariantCulture));
            try
            {
                await RawPump.ServeAsync(listener, local, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            await local.Terminate().ConfigureAwait(false);
            return 0;
        }

        var ackEvery = int.Parse(RemoteHarness.Option(args, "--ack-every", "1000"), CultureInfo.InvariantCulture);
        await using var system = ActorSystem.Create("receiver", RemoteHarness.NodeConfig);
        system.ActorOf(Props.Create(() => new CountingReceiver(ackEvery)), "receiver");
        Console.WriteLine(ReadyMarker + system.Address);
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
