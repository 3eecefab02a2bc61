using ActorBroker.Actors;
using Microsoft.Extensions.Logging;

namespace ActorBroker.Cluster.Sharding;

/// <summary>
/// Moves one shard away from its region, as in Akka: BeginHandOff to every region and proxy (they stop routing
/// the shard and buffer its messages), then, once all acknowledged, HandOff to the hosting region, whose shard
/// stops its entities and answers ShardStopped. Tells the coordinator <see cref="Done"/>; on success the shard is
/// deallocated and only then allocated anew, so its entities are stopped before they start elsewhere.
/// </summary>
internal sealed class RebalanceWorker : ReceiveActor, IWithTimers
{
    private readonly string _shard;
    private readonly IActorRef _from;
    private readonly HashSet<IActorRef> _remaining;

    public RebalanceWorker(string shard, IActorRef from, TimeSpan handOffTimeout, IReadOnlyCollection<IActorRef> regions)
    {
        _shard = shard;
        _from = from;
        _remaining = [.. regions];
        var log = Context.System.LoggerFactory.CreateLogger("ActorBroker.Cluster.Sharding");

        Receive<BeginHandOffAck>(ack => ack.Shard == _shard, _ =>
        {
            _remaining.Remove(Sender);
            if (_remaining.Count == 0) _from.Tell(new HandOff(_shard), Self);
        });
        Receive<ShardStopped>(stopped => stopped.Shard == _shard, _ => Finish(true));
        Receive<Terminated>(t =>
        {
            // The hosting region is gone, so is the shard; the others may no longer answer.
            if (t.ActorRef.Equals(_from)) Finish(true);
            else if (_remaining.Remove(t.ActorRef) && _remaining.Count == 0) _from.Tell(new HandOff(_shard), Self);
        });
        Receive<Timeout>(_ =>
        {
            log.LogWarning("Hand-off of shard {Shard} from {Region} did not finish within handoff-timeout ({Timeout}); {Missing} regions did not acknowledge: [{Regions}]. The shard stays where it is",
                _shard, _from.Path, handOffTimeout, _remaining.Count, string.Join(", ", _remaining.Select(r => r.Path.Address)));
            Finish(false);
        });

        Timers.StartSingleTimer(Timeout.Instance, Timeout.Instance, handOffTimeout);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(string shard, IActorRef from, TimeSpan handOffTimeout, IReadOnlyCollection<IActorRef> regions) =>
        Actors.Props.Create(() => new RebalanceWorker(shard, from, handOffTimeout, regions));

    protected override void PreStart()
    {
        Context.Watch(_from);
        foreach (var region in _remaining)
        {
            Context.Watch(region);
            region.Tell(new BeginHandOff(_shard), Self);
        }

        if (_remaining.Count == 0) _from.Tell(new HandOff(_shard), Self);
    }

    private void Finish(bool ok)
    {
        Context.Parent.Tell(new Done(_shard, ok), Self);
        Context.Stop(Self);
    }

    /// <summary>The hand-off of <paramref name="Shard"/> ended: stopped (ok) or still where it was.</summary>
    internal sealed record Done(string Shard, bool Ok);

    private sealed class Timeout
    {
        public static readonly Timeout Instance = new();
    }
}
