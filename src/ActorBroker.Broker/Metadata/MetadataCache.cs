using Akka.Actor;
using ActorBroker.Protocol.Messages;
using Akka.Event;

namespace ActorBroker.Broker.Metadata;

/// <summary>
/// A node's metadata cache (<c>/user/metadata</c>): registers with the controller through the singleton proxy, keeps
/// the newest image the controller pushes in <see cref="LocalMetadata"/>, and answers <see cref="MetadataRequest"/>
/// from it. It registers every register-interval until the controller answers, and again whenever the controller it
/// registered with terminates (the singleton moved or restarted). Images from an older controller epoch are ignored.
/// The controller first proposes each image (<see cref="StoreMetadata"/>): it goes to the cache's
/// <see cref="MetadataImageStore"/> child, which keeps the newest in the node's journal and answers a starting
/// controller's <see cref="GetLocalImage"/>; the cache acts on an image only once it is committed (<see cref="UpdateMetadata"/>).
/// </summary>
internal sealed class MetadataCache : ReceiveActor, IWithTimers
{
    private readonly LocalMetadata _metadata;
    private readonly IActorRef _controllerProxy;
    private readonly string _nodeId;
    private readonly TimeSpan _registerInterval;
    private readonly ILoggingAdapter _log;
    private readonly IActorRef? _listener;
    private IActorRef? _controller;
    private IActorRef _store = ActorRefs.Nobody;
    private int _controllerEpoch;

    public MetadataCache(LocalMetadata metadata, IActorRef controllerProxy, string nodeId, TimeSpan registerInterval, IActorRef? listener = null)
    {
        _listener = listener;
        _metadata = metadata;
        _controllerProxy = controllerProxy;
        _nodeId = nodeId;
        _registerInterval = registerInterval;
        _log = Context.GetLogger();

        Receive<MetadataRequest>(request => Sender.Tell(MetadataAnswers.For(_metadata.Current, request), Self));
        Receive<UpdateMetadata>(update => OnImage(update.Image, Sender));
        Receive<StoreMetadata>(store => OnProposed(store.Image, Sender));
        Receive<GetLocalImage>(request => _store.Forward(request));
        Receive<MetadataCacheRegistered>(registered => OnRegistered(registered.ControllerEpoch, Sender));
        Receive<Terminated>(t => t.ActorRef.Equals(_controller), t =>
        {
            _log.Info("Controller {Controller} terminated; registering with its successor", t.ActorRef.Path);
            ForgetController();
            StartRegistering();
        });
        // A controller given up on before it ended: nothing to do. Unhandled, it would stop this cache (DeathPactException)
        // and leave the node deaf to every later controller.
        Receive<Terminated>(_ => { });
        Receive<Register>(_ => _controllerProxy.Tell(new RegisterMetadataCache(_nodeId), Self));
        Receive<ReRegisterMetadataCache>(_ =>
        {
            _log.Info("The controller lost this cache's registration (its node's previous incarnation was removed); registering again");
            ForgetController();
            StartRegistering();
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <param name="listener">Told every newer image (the node's replica manager).</param>
    public static Props Props(LocalMetadata metadata, IActorRef controllerProxy, string nodeId, BrokerSettings settings, IActorRef? listener = null) =>
        Akka.Actor.Props.Create(() => new MetadataCache(metadata, controllerProxy, nodeId, settings.MetadataRegisterInterval, listener))
            .WithMailbox(BrokerMailboxes.Metadata);

    protected override void PreStart()
    {
        _store = Context.ActorOf(MetadataImageStore.Props(_nodeId), "stored");
        StartRegistering();
    }

    private void StartRegistering()
    {
        _controllerProxy.Tell(new RegisterMetadataCache(_nodeId), Self);
        Timers.StartPeriodicTimer(Register.Instance, Register.Instance, _registerInterval);
    }

    private void OnRegistered(int epoch, IActorRef controller)
    {
        if (epoch < _controllerEpoch)
        {
            _log.Warning("Ignoring the registration acknowledgement of {Controller} with epoch {Epoch}: controller epoch {Known} was seen already",
                controller.Path, epoch, _controllerEpoch);
            return;
        }

        _controllerEpoch = epoch;
        Timers.Cancel(Register.Instance);
        if (controller.Equals(_controller)) return;
        ForgetController();
        _controller = controller;
        Context.Watch(controller);
        _log.Info("Metadata cache of {Node} registered with controller {Controller} (epoch {Epoch})", _nodeId, controller.Path, epoch);
    }

    /// <summary>Stores a proposed image without acting on it; the store tells the controller once it is written.</summary>
    private void OnProposed(MetadataImage image, IActorRef controller)
    {
        if (image.ControllerEpoch < _controllerEpoch) return;
        _controllerEpoch = image.ControllerEpoch;
        _store.Tell(new UpdateMetadata(image), controller);
    }

    private void OnImage(MetadataImage image, IActorRef controller)
    {
        if (image.ControllerEpoch < _controllerEpoch)
        {
            _log.Debug("Ignoring metadata version {Version} from a controller of epoch {Epoch}; epoch {Known} was seen already", image.Version, image.ControllerEpoch, _controllerEpoch);
            return;
        }

        _controllerEpoch = image.ControllerEpoch;
        if (_metadata.TryAdvance(image))
        {
            _log.Debug("Metadata version {Version}: {Topics} topics, {Nodes} broker nodes Up", image.Version, image.Topics.Count, image.Nodes.Count);
            _listener?.Tell(new Replication.LocalImageChanged(image), Self);
            _store.Tell(new UpdateMetadata(image), controller); // the store tells the controller once it is written
        }
        controller.Tell(new MetadataUpdated(_metadata.Current.Version), Self);
    }

    private void ForgetController()
    {
        if (_controller is not null) Context.Unwatch(_controller);
        _controller = null;
    }

    private sealed class Register
    {
        public static readonly Register Instance = new();
    }
}
