using ActorBroker.Actors;
using Microsoft.Extensions.Logging;

namespace ActorBroker.Cluster.Client;

/// <summary>
/// Talks to a cluster from a process that is not a member (provider = remote), like Akka's ClusterClient. It asks
/// its contacts for the receptionists of the cluster, connects to the first that answers, heartbeats and watches
/// it, and fails over to another contact (from the latest contact list, then the initial contacts) when it is lost.
/// <see cref="Send"/>, <see cref="SendToAll"/> go through the receptionist with the original sender, so replies
/// from services come straight back to it. While no receptionist is connected messages are buffered (buffer-size;
/// the oldest goes to dead letters when full).
/// </summary>
public sealed class ClusterClient : ReceiveActor, IWithTimers
{
    private readonly ClusterClientSettings _settings;
    private readonly ILogger _log;
    private readonly MessageBuffer _buffer;
    private List<ActorPath> _contacts;
    private IActorRef? _receptionist;
    private long _lastHeardMillis;
    private long _dropped;

    public ClusterClient(ClusterClientSettings settings)
    {
        if (settings.InitialContacts.Count == 0)
            throw new ArgumentException("A cluster client needs at least one initial contact (actorbroker.cluster.client.initial-contacts)", nameof(settings));
        _settings = settings;
        _log = Context.GetLogger();
        _buffer = new MessageBuffer(settings.BufferSize);
        _contacts = [.. settings.InitialContacts];
        ClusterClientMessageSerializer.Register(Context.System);
        Establishing();
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(ClusterClientSettings settings) => Actors.Props.Create(() => new ClusterClient(settings));

    /// <summary>Delivers <paramref name="Message"/> to one service registered at <paramref name="Path"/> (e.g. <c>/user/orders</c>); with <paramref name="LocalAffinity"/> the receptionist's own node is preferred.</summary>
    public sealed record Send(string Path, object Message, bool LocalAffinity = false);

    /// <summary>Delivers <paramref name="Message"/> to the service registered at <paramref name="Path"/> on every member that has one.</summary>
    public sealed record SendToAll(string Path, object Message);

    /// <summary>Asks which receptionist the client uses now; answered with <see cref="CurrentReceptionist"/>.</summary>
    public sealed record GetCurrentReceptionist
    {
        public static readonly GetCurrentReceptionist Instance = new();
    }

    /// <summary>The receptionist in use (null while the client is looking for one) and the contacts a failover would try.</summary>
    public sealed record CurrentReceptionist(IActorRef? Receptionist, IReadOnlyList<ActorPath> Contacts);

    private sealed record AskContactsTick
    {
        public static readonly AskContactsTick Instance = new();
    }

    private sealed record HeartbeatTick
    {
        public static readonly HeartbeatTick Instance = new();
    }

    private sealed record RefreshContactsTick
    {
        public static readonly RefreshContactsTick Instance = new();
    }

    private sealed record ReconnectTimeout
    {
        public static readonly ReconnectTimeout Instance = new();
    }

    private void Establishing()
    {
        _receptionist = null;
        Timers.Cancel(HeartbeatTick.Instance);
        Timers.Cancel(RefreshContactsTick.Instance);
        Timers.StartPeriodicTimer(AskContactsTick.Instance, AskContactsTick.Instance, TimeSpan.Zero, _settings.EstablishingGetContactsInterval);
        if (_settings.ReconnectTimeout is { } timeout) Timers.StartSingleTimer(ReconnectTimeout.Instance, ReconnectTimeout.Instance, timeout);
        Become(() =>
        {
            Receive<AskContactsTick>(_ => AskAllContacts());
            Receive<Contacts>(OnFirstContacts);
            Receive<ReconnectTimeout>(_ =>
            {
                _log.LogWarning("No receptionist answered within reconnect-timeout {Timeout}; tried [{Contacts}]. Stopping the cluster client",
                    _settings.ReconnectTimeout, string.Join(", ", ContactsToTry()));
                Context.Stop(Self);
            });
            Receive<Send>(Buffer);
            Receive<SendToAll>(Buffer);
            Common();
        });
    }

    private void Active(IActorRef receptionist)
    {
        _receptionist = receptionist;
        _lastHeardMillis = Environment.TickCount64;
        Context.Watch(receptionist);
        Timers.Cancel(AskContactsTick.Instance);
        Timers.Cancel(ReconnectTimeout.Instance);
        Timers.StartPeriodicTimer(HeartbeatTick.Instance, HeartbeatTick.Instance, _settings.HeartbeatInterval);
        Timers.StartPeriodicTimer(RefreshContactsTick.Instance, RefreshContactsTick.Instance, _settings.RefreshContactsInterval);
        var buffered = _buffer.DrainAll();
        foreach (var (message, sender) in buffered) receptionist.Tell(message, sender);
        _log.LogInformation("Connected to receptionist {Receptionist}; {Buffered} buffered messages sent; contacts [{Contacts}]",
            receptionist.Path, buffered.Count, string.Join(", ", _contacts));
        Become(() =>
        {
            Receive<Send>(s => receptionist.Tell(s, Sender));
            Receive<SendToAll>(s => receptionist.Tell(s, Sender));
            Receive<ClientHeartbeatResponse>(_ => Sender.Equals(receptionist), _ => _lastHeardMillis = Environment.TickCount64);
            Receive<Contacts>(_ => Sender.Equals(receptionist), c => UpdateContacts(c.ContactPoints));
            Receive<Contacts>(_ => { }); // late answers of the other contacts asked while establishing
            Receive<HeartbeatTick>(_ => CheckReceptionist(receptionist));
            Receive<RefreshContactsTick>(_ => receptionist.Tell(GetContacts.Instance, Self));
            Receive<Terminated>(t => t.ActorRef.Equals(receptionist), _ => Lost(receptionist, "its node or actor terminated"));
            Common();
        });
    }

    private void Common()
    {
        Receive<GetCurrentReceptionist>(_ => Sender.Tell(new CurrentReceptionist(_receptionist, ContactsToTry()), Self));
        Receive<ClientHeartbeatResponse>(_ => { });
        Receive<Terminated>(_ => { });
        Receive<HeartbeatTick>(_ => { });
        Receive<RefreshContactsTick>(_ => { });
        Receive<AskContactsTick>(_ => { });
        Receive<ReconnectTimeout>(_ => { });
    }

    private void OnFirstContacts(Contacts contacts)
    {
        UpdateContacts(contacts.ContactPoints);
        Active(Sender);
    }

    private void UpdateContacts(IReadOnlyList<string> points)
    {
        var parsed = new List<ActorPath>();
        foreach (var point in points)
        {
            if (ActorPath.TryParse(point, out var path)) parsed.Add(path);
        }

        // An empty list tells nothing new; keep the old one for the next failover.
        if (parsed.Count > 0) _contacts = parsed;
    }

    private void CheckReceptionist(IActorRef receptionist)
    {
        var silentFor = TimeSpan.FromMilliseconds(Environment.TickCount64 - _lastHeardMillis);
        if (silentFor > _settings.HeartbeatInterval + _settings.AcceptableHeartbeatPause)
        {
            Lost(receptionist, $"no heartbeat response for {silentFor.TotalMilliseconds:F0} ms");
            return;
        }

        receptionist.Tell(ClientHeartbeat.Instance, Self);
    }

    private void Lost(IActorRef receptionist, string reason)
    {
        Context.Unwatch(receptionist);
        Establishing();
        var lostNode = receptionist.Path.Address;
        _log.LogWarning("Lost receptionist {Receptionist}: {Reason}. Asking contacts [{Contacts}] for a new one (and the lost one again, in case it was only slow); messages are buffered meanwhile",
            receptionist.Path, reason, string.Join(", ", ContactsToTry().Where(p => !p.Address.Equals(lostNode))));
    }

    /// <summary>The latest contact list, then the initial contacts not in it: a failover works even if every listed node is gone.</summary>
    private List<ActorPath> ContactsToTry() => [.. _contacts.Concat(_settings.InitialContacts).Distinct()];

    private void AskAllContacts()
    {
        foreach (var contact in ContactsToTry())
            Context.System.Provider.ResolveActorRef(contact).Tell(GetContacts.Instance, Self);
    }

    private void Buffer(object message)
    {
        if (_buffer.Add(message, Sender) is not { } dropped) return;
        // One line per thousand drops: enough to see it happening without flooding the log.
        if (_dropped++ % 1000 == 0)
            _log.LogWarning("No receptionist connected and the buffer of {Capacity} messages is full: dropping the oldest ({Type}) to dead letters ({Dropped} dropped so far)",
                _buffer.Capacity, dropped.Message.GetType().Name, _dropped);
        ((ActorSystemImpl)Context.System).DeadLetterRef.Tell(dropped.Message, dropped.Sender, Self, "cluster client buffer full while no receptionist was connected");
    }
}
