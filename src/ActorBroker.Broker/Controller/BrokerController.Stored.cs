using Akka.Actor;
using ActorBroker.Broker.Metadata;
using ActorBroker.Protocol.Messages;

namespace ActorBroker.Broker.Controller;

/// <summary>
/// Which image version each node has in its journal (<see cref="MetadataStored"/>, from its <see cref="MetadataImageStore"/>).
/// An image is committed (the nodes act on it) only once a majority of the broker nodes that are Up (of
/// <c>controller.quorum-size</c> nodes, when more than are Up: <see cref="Majority"/>) stored it, and an
/// ISR change is answered only then: the leader acknowledges acks=all writes with the smaller ISR, and a successor
/// controller, which starts from the newest image the nodes hold, must not elect a replica that the shrink left behind.
/// Leaders and topics likewise: no node acts on an election that a majority could not hand to the next controller.
/// </summary>
internal sealed partial class BrokerController
{
    private readonly Dictionary<string, long> _storedVersions = new(StringComparer.Ordinal);
    private readonly List<(long Version, IActorRef ReplyTo, object Answer)> _answersAwaitingStorage = [];

    /// <summary>How many of <paramref name="nodesUp"/> nodes form a majority of the cluster: of quorum-size when more nodes than are Up make it up.</summary>
    private int Majority(int nodesUp) => Math.Max(nodesUp, _settings.ControllerQuorumSize) / 2 + 1;

    private void OnMetadataStored(MetadataStored stored)
    {
        _storedVersions[stored.NodeId] = Math.Max(stored.Version, _storedVersions.GetValueOrDefault(stored.NodeId));
        CommitStoredImages();
    }

    /// <summary>
    /// Answers <paramref name="replyTo"/> once the current image is committed: an admin request or an ISR change is
    /// acknowledged only when a successor controller cannot forget it.
    /// </summary>
    private void AnswerOnceCommitted(IActorRef replyTo, object answer)
    {
        _answersAwaitingStorage.Add((_image.Version, replyTo, answer));
        CommitStoredImages();
    }

    /// <summary>
    /// Commits the newest proposed image a majority of the Up broker nodes stored, and answers what waited for it. Also
    /// when the nodes Up change: a majority of fewer nodes may have stored it already.
    /// </summary>
    private void CommitStoredImages()
    {
        var needed = Majority(_up.Count);
        MetadataImage? newest = null;
        foreach (var (version, image) in _proposed)
        {
            if (_up.Keys.Count(node => _storedVersions.GetValueOrDefault(node) >= version) >= needed) newest = image;
        }

        if (newest is not null)
        {
            foreach (var version in _proposed.Keys.Where(v => v <= newest.Version).ToList()) _proposed.Remove(version);
            PublishCommitted(newest);
        }

        if (_answersAwaitingStorage.Count == 0) return;
        _answersAwaitingStorage.RemoveAll(waiting =>
        {
            if (waiting.Version > _committed.Version) return false;
            waiting.ReplyTo.Tell(waiting.Answer, Self);
            return true;
        });
    }
}
