using Akka.Actor;
using ActorBroker.Broker.Internal;
using ActorBroker.Broker.Metadata;
using Akka.Cluster;
using Akka.Event;

namespace ActorBroker.Broker.Controller;

/// <summary>
/// Starting from the live nodes' state. Nodes may keep their journals apart (SQLite per node), so a controller that
/// moves to a node which never ran it recovers an old state, or none. Every live node's metadata cache holds the
/// newest image it got; before taking its epoch the starting controller asks them all, and when an image comes from a
/// later controller than its journal knows, it adopts that image's topics and continues its epochs (as KRaft's
/// controllers continue from the replicated metadata log). It goes on only once a majority of the Up nodes (of
/// quorum-size nodes, when more) answered: every committed image is on such a majority, so one of them has the newest.
/// Commands wait in the stash meanwhile.
/// </summary>
internal sealed partial class BrokerController
{
    private readonly Dictionary<string, LocalImage> _reconcileAnswers = new(StringComparer.Ordinal); // by node: a late answer of an earlier round counts once
    private int _reconcileExpected;

    private void StartReconciling()
    {
        var members = _cluster.State.Members.Where(m => m.Status == MemberStatus.Up).Select(m => m.Address).ToList();
        if (!members.Contains(_cluster.SelfAddress)) members.Add(_cluster.SelfAddress);
        _reconcileExpected = members.Count;
        foreach (var address in members)
        {
            var cache = new RootActorPath(address) / "user" / BrokerHost.MetadataCacheName;
            ((ExtendedActorSystem)Context.System).Provider.ResolveActorRef(cache).Tell(new GetLocalImage(_state.Epoch), Self);
        }

        Timers.StartSingleTimer(ReconcileTimedOut.Instance, ReconcileTimedOut.Instance, _settings.ControllerStateReconcileTimeout);
        BecomeStacked(() =>
        {
            Command<LocalImage>(answer =>
            {
                _reconcileAnswers[answer.NodeId] = answer;
                if (_reconcileAnswers.Count >= Math.Max(_reconcileExpected, Majority(_reconcileExpected))) FinishReconciling();
            });
            Command<ReconcileTimedOut>(_ =>
            {
                // A majority of the nodes holds every committed image (each was stored on a majority before anyone acted
                // on it), so hearing from a majority is enough, and starting with less could miss the newest.
                var needed = Majority(_reconcileExpected);
                if (_reconcileAnswers.Count >= needed)
                {
                    _log.Warning("Controller start: {Answered} of {Expected} nodes sent their metadata within {Timeout}; going on with that majority",
                        _reconcileAnswers.Count, _reconcileExpected, _settings.ControllerStateReconcileTimeout);
                    FinishReconciling();
                    return;
                }

                _log.Warning("Controller start: only {Answered} of {Expected} nodes sent their metadata within {Timeout}, fewer than the {Needed} that hold every committed image; asking again",
                    _reconcileAnswers.Count, _reconcileExpected, _settings.ControllerStateReconcileTimeout, needed);
                _reconcileAnswers.Clear();
                UnbecomeStacked();
                StartReconciling();
            });
            CommandAny(_ => Stash.Stash());
        });
    }

    private void FinishReconciling()
    {
        Timers.Cancel(ReconcileTimedOut.Instance);
        UnbecomeStacked();
        var newest = _reconcileAnswers.Values.Where(a => a.Image.ControllerEpoch > _state.Epoch).MaxBy(a => a.Image.Version);
        _reconcileAnswers.Clear();
        if (newest is not null)
        {
            var (topics, deleting) = ControllerState.FromImage(newest.Image);
            _log.Warning(
                "Controller start: node {Node} holds metadata version {Version} of controller epoch {ImageEpoch}, newer than this node's controller journal (epoch {JournalEpoch}); adopting its {Topics} topics",
                newest.NodeId, newest.Image.Version, newest.Image.ControllerEpoch, _state.Epoch, topics.Count);
            Persist(new ControllerStateAdopted(newest.Image.ControllerEpoch, newest.Image.Version, newest.NodeId, topics, deleting, newest.Image.Security), e =>
            {
                _state.Apply(e);
                TakeNextEpoch(); // after the adopted epoch, which the handler just applied
            });
            return;
        }

        TakeNextEpoch();
    }

    private void TakeNextEpoch() => Persist(new ControllerStarted(_state.Epoch + 1), e =>
    {
        _state.Apply(e);
        OnStarted();
        Stash.UnstashAll();
    });

    private sealed class ReconcileTimedOut
    {
        public static readonly ReconcileTimedOut Instance = new();
    }
}
