using Akka.Actor;
using ActorBroker.Broker.Metadata;
using ActorBroker.Protocol.Messages;

namespace ActorBroker.Broker.Controller;

/// <summary>
/// Which image version each node has in its journal (<see cref="MetadataStored"/>, from its <see cref="MetadataImageStore"/>).
/// An ISR change is answered only once a majority of the broker nodes that are Up stored the image carrying it: the
/// leader then acknowledges acks=all writes with the smaller ISR, and a successor controller, which starts from the
/// newest image the nodes hold, must not elect a replica that the shrink left behind.
/// </summary>
internal sealed partial class BrokerController
{
    private readonly Dictionary<string, long> _storedVersions = new(StringComparer.Ordinal);
    private readonly List<(long Version, IActorRef ReplyTo, AlterPartitionResponse Answer)> _answersAwaitingStorage = [];

    private void OnMetadataStored(MetadataStored stored)
    {
        _storedVersions[stored.NodeId] = Math.Max(stored.Version, _storedVersions.GetValueOrDefault(stored.NodeId));
        SendAnswersStoredOnMajority();
    }

    /// <summary>Answers <paramref name="replyTo"/> once the current image is stored on a majority of the Up broker nodes.</summary>
    private void AnswerOnceStoredOnMajority(IActorRef replyTo, AlterPartitionResponse answer)
    {
        _answersAwaitingStorage.Add((_image.Version, replyTo, answer));
        SendAnswersStoredOnMajority();
    }

    /// <summary>Also when the nodes Up change: a majority of fewer nodes may have stored it already.</summary>
    private void SendAnswersStoredOnMajority()
    {
        if (_answersAwaitingStorage.Count == 0) return;
        var needed = _up.Count / 2 + 1;
        _answersAwaitingStorage.RemoveAll(waiting =>
        {
            var stored = _up.Keys.Count(node => _storedVersions.GetValueOrDefault(node) >= waiting.Version);
            if (stored < needed) return false;
            waiting.ReplyTo.Tell(waiting.Answer, Self);
            return true;
        });
    }
}
