using Akka.Remote.Transport;
using Google.Protobuf;

namespace ActorBroker.Tls.Adapters;

/// <summary>
/// One connection of a transport adapter as the layers above see it: the same addresses and writes, and the
/// connection's events (frames, its end) seen first by a listener of the adapter's own (<see cref="Intercept"/>).
/// </summary>
public abstract class WrappingAssociationHandle : AssociationHandle
{
    protected WrappingAssociationHandle(AssociationHandle inner)
        : base(inner.LocalAddress, inner.RemoteAddress)
    {
        Inner = inner;
        // The layer above registers its listener here later; the wrapped connection then reports to the adapter's.
        ReadHandlerSource.Task.ContinueWith(t => Inner.ReadHandlerSource.TrySetResult(Intercept(t.Result)),
            TaskContinuationOptions.OnlyOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously);
    }

    protected AssociationHandle Inner { get; }

    public override bool Write(ByteString payload) => Inner.Write(payload);

    [Obsolete("Use Disassociate(reason, log), as Akka's own handles ask")]
    public override void Disassociate() => Inner.Disassociate();

    /// <summary>The listener the wrapped connection reports to, which passes on to <paramref name="upstream"/> what it lets through.</summary>
    protected abstract IHandleEventListener Intercept(IHandleEventListener upstream);
}
