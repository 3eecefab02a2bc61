using Akka.Remote.Transport;
using Google.Protobuf;

namespace ActorBroker.Broker.ClusterPort;

/// <summary>
/// An admitted inbound connection as the layers above see it: the same addresses and writes, and a release of its
/// place in the quota exactly once, whether the layer above ends it (Akka's handshake timeout, a quarantine, a
/// shutdown) or the transport reports it ended (the peer closed it, a reset).
/// </summary>
internal sealed class CountedAssociationHandle : AssociationHandle
{
    private readonly AssociationHandle _inner;
    private Action? _release;

    public CountedAssociationHandle(AssociationHandle inner, Action release)
        : base(inner.LocalAddress, inner.RemoteAddress)
    {
        _inner = inner;
        _release = release;
        // The layer above registers its reader here; the connection's own handle gets one that sees its end first.
        ReadHandlerSource.Task.ContinueWith(t => _inner.ReadHandlerSource.TrySetResult(new EndWatch(t.Result, Release)),
            TaskContinuationOptions.OnlyOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously);
    }

    public override bool Write(ByteString payload) => _inner.Write(payload);

    [Obsolete("Use Disassociate(reason, log), as Akka's own handles ask")]
    public override void Disassociate()
    {
        Release();
        _inner.Disassociate();
    }

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
