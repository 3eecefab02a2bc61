using ActorBroker.Actors;
using Microsoft.Extensions.Logging;

namespace ActorBroker.Cluster.Singleton;

/// <summary>
/// Forwards messages to a cluster singleton wherever it runs. It follows the oldest Up member (with the role),
/// finds the instance there with Identify, and watches it. While the instance is unknown (at start, or while
/// the singleton moves) messages are kept in a bounded buffer and delivered in order once it is found; when
/// the buffer is full the oldest message is dropped with a warning. The original sender is kept.
/// </summary>
public sealed class ClusterSingletonProxy : ReceiveActor, IWithTimers
{
    private readonly string _managerPath;
    private readonly ClusterSingletonProxySettings _settings;
    private readonly Cluster _cluster;
    private readonly MembersByAge _members;
    private readonly Queue<(object Message, IActorRef Sender)> _buffer = new();
    private readonly ILogger _log;
    private Address? _trackedOldest;
    private IActorRef? _singleton;
    private int _identifyId;

    public ClusterSingletonProxy(string singletonManagerPath, ClusterSingletonProxySettings settings)
    {
        _managerPath = NormalizeManagerPath(singletonManagerPath);
        _settings = settings;
        _cluster = Cluster.Get(Context.System);
        _members = new MembersByAge(settings.Role);
        _log = Context.System.LoggerFactory.CreateLogger("ActorBroker.Cluster.Singleton");

        Receive<CurrentClusterState>(state =>
        {
            _members.Reset(state);
            OnMembershipChanged();
        });
        Receive<MemberEvent>(e =>
        {
            _members.Apply(e);
            OnMembershipChanged();
        });
        Receive<TryToIdentify>(_ => Identify());
        Receive<ActorIdentity>(OnIdentity);
        Receive<Terminated>(t => t.ActorRef.Equals(_singleton), _ =>
        {
            _log.LogDebug("Singleton {Path} terminated; looking for its successor", _singleton?.Path);
            _singleton = null;
            StartIdentifying();
        });
        Receive<Terminated>(_ => { }); // a singleton this proxy no longer follows
        ReceiveAny(OnMessage);
    }

    /// <summary>Props for a proxy to the singleton managed at <paramref name="singletonManagerPath"/> (e.g. <c>/user/controller</c>), the same path on every node.</summary>
    public static Props Props(string singletonManagerPath, ClusterSingletonProxySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        NormalizeManagerPath(singletonManagerPath);
        return Actors.Props.Create(() => new ClusterSingletonProxy(singletonManagerPath, settings));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    private sealed record TryToIdentify
    {
        public static readonly TryToIdentify Instance = new();
    }

    protected override void PreStart() => _cluster.Subscribe(Self, InitialStateMode.AsSnapshot, typeof(MemberEvent));

    protected override void PostStop() => _cluster.Unsubscribe(Self);

    private static string NormalizeManagerPath(string path)
    {
        if (string.IsNullOrWhiteSpace(path) || !path.StartsWith('/') || path.Contains("://", StringComparison.Ordinal))
            throw new ArgumentException($"The singleton manager path must be a path without address such as /user/controller, not '{path}'", nameof(path));
        return path.TrimEnd('/');
    }

    private void OnMembershipChanged()
    {
        var oldest = _members.Oldest?.Address;
        if (Equals(oldest, _trackedOldest)) return;
        _log.LogDebug("Singleton proxy {Path}: oldest member changed from {Before} to {After}", Self.Path, _trackedOldest, oldest);
        _trackedOldest = oldest;
        if (_singleton is not null)
        {
            // The singleton is moving: buffer until it is found on the new oldest.
            Context.Unwatch(_singleton);
            _singleton = null;
        }

        StartIdentifying();
    }

    private void StartIdentifying()
    {
        if (_trackedOldest is null) return;
        Identify();
        if (!Timers.IsTimerActive(TryToIdentify.Instance))
            Timers.StartPeriodicTimer(TryToIdentify.Instance, TryToIdentify.Instance, _settings.SingletonIdentificationInterval);
    }

    private void Identify()
    {
        if (_trackedOldest is not { } oldest || _singleton is not null)
        {
            Timers.Cancel(TryToIdentify.Instance);
            return;
        }

        _identifyId++;
        Context.ActorSelection($"{oldest}{_managerPath}/{_settings.SingletonName}").Tell(new Identify(_identifyId), Self);
    }

    private void OnIdentity(ActorIdentity identity)
    {
        // Only the answer to the latest question counts: an older one may come from the previous oldest.
        if (identity.Subject is not { } subject || identity.MessageId is not int id || id != _identifyId || _singleton is not null) return;
        _singleton = Context.Watch(subject);
        Timers.Cancel(TryToIdentify.Instance);
        _log.LogInformation("Singleton proxy {Path}: singleton found at {Singleton}; delivering {Buffered} buffered messages",
            Self.Path, subject.Path, _buffer.Count);
        while (_buffer.TryDequeue(out var buffered)) subject.Tell(buffered.Message, buffered.Sender);
    }

    private void OnMessage(object message)
    {
        if (_singleton is not null)
        {
            _singleton.Tell(message, Sender);
            return;
        }

        if (_settings.BufferSize == 0)
        {
            _log.LogWarning("Singleton proxy {Path}: no singleton known and buffer-size is 0; dropping {Type}", Self.Path, message.GetType().Name);
            Context.System.DeadLetters.Tell(message, Sender);
            return;
        }

        if (_buffer.Count >= _settings.BufferSize)
        {
            var (dropped, droppedSender) = _buffer.Dequeue();
            _log.LogWarning("Singleton proxy {Path}: buffer full (actorbroker.cluster.singleton-proxy.buffer-size = {Size}) while the singleton is unknown; dropping the oldest message, a {Type}",
                Self.Path, _settings.BufferSize, dropped.GetType().Name);
            Context.System.DeadLetters.Tell(dropped, droppedSender);
        }

        _buffer.Enqueue((message, Sender));
    }
}
