using Akka.Actor;
using Akka.Event;
using Akka.Persistence;

namespace ActorBroker.Broker.Metadata;

/// <summary>
/// The newest metadata image this node received, kept in the node's journal (as a snapshot; one row per node) so that
/// it outlives the process. A controller that starts asks every live node for its image (<see cref="GetLocalImage"/>)
/// and adopts the newest of a later controller epoch than its own journal holds: with node-local journals, a node that
/// restarted or never ran the controller would otherwise start it from an old state, or none, and reuse epochs.
/// The recovered image is only reported, never applied: the live image comes from the running controller.
/// </summary>
internal sealed class MetadataImageStore : ReceivePersistentActor
{
    private readonly string _nodeId;
    private readonly ILoggingAdapter _log;
    private MetadataImage _latest = MetadataImage.Empty;
    private long _storedVersion;
    private long _savingVersion;
    private IActorRef _notify = ActorRefs.Nobody; // the controller that sent the newest image
    private bool _saving;

    public MetadataImageStore(string nodeId)
    {
        _nodeId = nodeId;
        _log = Context.GetLogger();
        PersistenceId = PersistenceIdOf(nodeId);

        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is not UpdateMetadata stored) return;
            _latest = stored.Image;
            _storedVersion = stored.Image.Version;
        });
        Recover<RecoveryCompleted>(_ =>
        {
            if (_latest.Version > 0)
                _log.Info("Stored metadata of {Node}: version {Version} of controller epoch {Epoch}, {Topics} topics", _nodeId, _latest.Version, _latest.ControllerEpoch, _latest.Topics.Count);
        });
        Command<UpdateMetadata>(update => Keep(update.Image, Sender));
        Command<GetLocalImage>(_ => Sender.Tell(new LocalImage(_nodeId, _latest), Self));
        Command<SaveSnapshotSuccess>(success =>
        {
            _saving = false;
            _storedVersion = _savingVersion;
            _notify.Tell(new MetadataStored(_nodeId, _storedVersion), Self);
            // One row per node: the snapshot just written replaces the older ones.
            DeleteSnapshots(new SnapshotSelectionCriteria(success.Metadata.SequenceNr, success.Metadata.Timestamp.AddTicks(-1)));
            if (_latest.Version > _storedVersion) Save(); // a newer image came while this one was written
        });
        Command<SaveSnapshotFailure>(failure =>
        {
            _saving = false;
            _log.Warning(failure.Cause, "Storing metadata version {Version} of {Node} failed; the next image is stored again", _latest.Version, _nodeId);
        });
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(failure => _log.Debug("Deleting older metadata snapshots of {Node} failed: {Reason}", _nodeId, failure.Cause.Message));
    }

    public override string PersistenceId { get; }

    public static string PersistenceIdOf(string nodeId) => $"metadata-image@{nodeId}";

    public static Props Props(string nodeId) => Akka.Actor.Props.Create(() => new MetadataImageStore(nodeId));

    private void Keep(MetadataImage image, IActorRef sender)
    {
        if (image.Version <= _storedVersion)
        {
            sender.Tell(new MetadataStored(_nodeId, _storedVersion), Self); // a re-sent image: it is stored already
            return;
        }

        _notify = sender;
        if (image.Version <= _latest.Version) return; // being written
        _latest = image;
        if (!_saving) Save(); // else written once the write in progress completes: at most one at a time
    }

    private void Save()
    {
        _saving = true;
        _savingVersion = _latest.Version;
        SaveSnapshot(new UpdateMetadata(_latest));
    }
}
