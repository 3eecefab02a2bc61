using Akka.Actor;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using Akka.Event;

namespace ActorBroker.Broker.Controller;

/// <summary>
/// The singleton instance: runs the <see cref="BrokerController"/> as its child <c>controller</c> and starts a fresh
/// one restart-backoff after it stopped (a failed journal write stops it, since its state may be ahead of the
/// journal). The fresh one recovers and takes the next epoch; caches see the old one terminate and register anew.
/// Meanwhile admin requests are answered NotController, which clients retry.
/// </summary>
internal sealed class ControllerSupervisor : ReceiveActor, IWithTimers
{
    public const string ControllerName = "controller";

    private readonly Props _controllerProps;
    private readonly TimeSpan _backoff;
    private readonly ILoggingAdapter _log;
    private IActorRef? _controller;

    public ControllerSupervisor(Props controllerProps, TimeSpan backoff)
    {
        _controllerProps = controllerProps;
        _backoff = backoff;
        _log = Context.GetLogger();
        Receive<Terminated>(t => t.ActorRef.Equals(_controller), _ =>
        {
            _log.Warning("The controller {Path} stopped; starting it again in {Backoff} (actorbroker.broker.controller.restart-backoff)", Self.Path, _backoff);
            _controller = null;
            Timers.StartSingleTimer(StartController.Instance, StartController.Instance, _backoff);
        });
        Receive<StartController>(_ => Start());
        Receive<CreateTopicRequest>(r => _controller is null, r => Unavailable(r.Name, r.CorrelationId));
        Receive<DeleteTopicRequest>(r => _controller is null, r => Unavailable(r.Name, r.CorrelationId));
        Receive<CreatePartitionsRequest>(r => _controller is null, r => Unavailable(r.Name, r.CorrelationId));
        Receive<AlterPartitionReassignmentsRequest>(r => _controller is null, r => Unavailable(r.Topic, r.CorrelationId));
        Receive<AlterUserCredentialRequest>(r => _controller is null, r => SecurityUnavailable(r.CorrelationId));
        Receive<CreateAclsRequest>(r => _controller is null, r => SecurityUnavailable(r.CorrelationId));
        Receive<DeleteAclsRequest>(r => _controller is null, r => SecurityUnavailable(r.CorrelationId));
        // Anything else sent meanwhile (registrations, acknowledgements) is re-sent by its sender.
        ReceiveAny(message => _controller?.Forward(message));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Requests reach the controller through here (the singleton proxy addresses this actor), so this mailbox is the bounded one of controller.mailbox-capacity.</summary>
    public static Props Props(Props controllerProps, TimeSpan backoff) =>
        Akka.Actor.Props.Create(() => new ControllerSupervisor(controllerProps, backoff)).WithMailbox(BrokerMailboxes.Controller);

    protected override void PreStart() => Start();

    protected override SupervisorStrategy SupervisorStrategy() => Akka.Actor.SupervisorStrategy.StoppingStrategy;

    private void Start()
    {
        _controller = Context.ActorOf(_controllerProps, ControllerName);
        Context.Watch(_controller);
    }

    private void Unavailable(string name, long correlationId) =>
        Sender.Tell(new TopicAdminResponse(name, ErrorCode.NotController, $"the controller is restarting after a failure; retry in {_backoff}", correlationId), Self);

    private void SecurityUnavailable(long correlationId) =>
        Sender.Tell(new SecurityAdminResponse(ErrorCode.NotController, $"the controller is restarting after a failure; retry in {_backoff}", 0, correlationId), Self);

    private sealed class StartController
    {
        public static readonly StartController Instance = new();
    }
}
