using ActorBroker.Tls.Adapters;
using Akka.Remote.Transport;

namespace ActorBroker.Broker.ClusterPort;

/// <summary>
/// An admitted inbound connection as the layers above see it: the same addresses and writes, and a release of its
/// place in the quota exactly once, whether the layer above ends it (Akka's handshake timeout, a quarantine, a
/// shutdown) or the transport reports it ended (the peer closed it, a reset).
/// </summary>
internal sealed class CountedAssociationHandle(AssociationHandle inner, Action release) : WrappingAssociationHandle(inner)
{
    private Action? _release = release;

    [Obsolete("Use Disassociate(reason, log), as Akka's own handles ask")]
    public override void Disassociate()
    {
        Release();
        Inner.Disassociate();
    }

    protected override IHandleEventListener Intercept(IHandleEventListener upstream) => new EndWatch(upstream, Release);

    private void Release() => Interlocked.Exchange(ref _release, null)?.Invoke();

    private sealed class EndWatch(IHandleEventListener upstream, Action release) : IHandleEventListener
    {
        public void Notify(IHandleEvent ev)
        {
            if (ev is Disassociated) release();
            upstream.Notify(ev);
        }
    }
}
