using System.Text;
using ActorBroker.Actors;
using ActorBroker.Remote.Transport;

namespace ActorBroker.Remote;

/// <summary>
/// A ref to an actor on another node. Tell queues the message on the association to that node; watch and
/// unwatch travel as system frames, and the remote watcher turns a lost node into <see cref="Terminated"/>.
/// </summary>
public sealed class RemoteActorRef : ActorRefBase, IInternalActorRef
{
    private readonly RemoteActorRefProvider _provider;
    private Association? _association;

    internal RemoteActorRef(RemoteActorRefProvider provider, ActorPath path)
    {
        _provider = provider;
        Path = path;
        PathUtf8 = Encoding.UTF8.GetBytes(path.ToSerializationFormat());
    }

    public override ActorPath Path { get; }

    /// <summary>The path as written into frames, encoded once.</summary>
    internal byte[] PathUtf8 { get; }

    // Resolved on first use: creating a ref (e.g. while deserializing) must not open connections.
    internal Association Association => _association ??= _provider.Transport.AssociationFor(Path.Address);

    public bool IsTerminated => false;

    public bool IsLocal => false;

    public ActorSystem? System => _provider.System;

    public override void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        Association.Send(new OutboundEnvelope(this, message, sender));
    }

    public void SendSystemMessage(ISystemMessage message)
    {
        switch (message)
        {
            case Watch watch when watch.Watchee.Equals(this):
                _provider.RemoteWatcher.Tell(new RemoteWatcher.WatchRemote(this, watch.Watcher));
                Association.SendSystem(new OutboundEnvelope(this, new RemoteSystemEnvelope(RemoteSystemMessageKind.Watch, this, watch.Watcher), null));
                break;
            case Unwatch unwatch when unwatch.Watchee.Equals(this):
                _provider.RemoteWatcher.Tell(new RemoteWatcher.UnwatchRemote(this, unwatch.Watcher));
                Association.SendSystem(new OutboundEnvelope(this, new RemoteSystemEnvelope(RemoteSystemMessageKind.Unwatch, this, unwatch.Watcher), null));
                break;
            case DeathWatchNotification death:
                Association.SendSystem(new OutboundEnvelope(this,
                    new RemoteSystemEnvelope(RemoteSystemMessageKind.DeathWatchNotification, death.Actor, this, death.ExistenceConfirmed, death.AddressTerminated), null));
                break;
        }
    }

    public void Stop() =>
        Association.SendSystem(new OutboundEnvelope(this, new RemoteSystemEnvelope(RemoteSystemMessageKind.Stop, this, this), null));
}
