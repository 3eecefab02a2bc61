using Akka.Actor;
using Akka.Remote.Transport;

namespace ActorBroker.Tls.Adapters;

/// <summary>
/// The common part of the project's Akka.Remote transport adapters (<c>akka.remote.adapters</c>): everything passes
/// to the wrapped transport (addresses and scheme unchanged, unlike Akka's own adapters), except that each inbound
/// connection goes through <see cref="OnInbound"/> on its way to the layer above.
/// </summary>
public abstract class WrappingTransport : Transport
{
    protected WrappingTransport(Transport wrapped, ExtendedActorSystem system)
    {
        Wrapped = wrapped;
        System = system;
        Config = wrapped.Config;
        SchemeIdentifier = wrapped.SchemeIdentifier;
        MaximumPayloadBytes = wrapped.MaximumPayloadBytes;
    }

    protected Transport Wrapped { get; }

    public override async Task<(Address, TaskCompletionSource<IAssociationEventListener>)> Listen()
    {
        var (address, wrappedListener) = await Wrapped.Listen().ConfigureAwait(false);
        var upstream = new TaskCompletionSource<IAssociationEventListener>(TaskCreationOptions.RunContinuationsAsynchronously);
        wrappedListener.TrySetResult(new Gate(this, upstream.Task));
        return (address, upstream);
    }

    public override bool IsResponsibleFor(Address remote) => Wrapped.IsResponsibleFor(remote);

    public override Task<AssociationHandle> Associate(Address remoteAddress) => Wrapped.Associate(remoteAddress);

    public override Task<bool> Shutdown() => Wrapped.Shutdown();

    // The throttler and failure injector of the test harness sit beneath when both are applied: their commands pass.
    public override Task<bool> ManagementCommand(object message) => Wrapped.ManagementCommand(message);

    /// <summary>An inbound connection: close it, or <see cref="Deliver"/> it (or a handle over it) to the layer above.</summary>
    protected abstract void OnInbound(AssociationHandle handle, Task<IAssociationEventListener> upstream);

    protected static void Deliver(AssociationHandle handle, Task<IAssociationEventListener> upstream)
    {
        if (upstream.IsCompletedSuccessfully) upstream.Result.Notify(new InboundAssociation(handle));
        else upstream.ContinueWith(t => t.Result.Notify(new InboundAssociation(handle)), TaskContinuationOptions.OnlyOnRanToCompletion);
    }

    /// <summary>What the wrapped transport reports its inbound connections to.</summary>
    private sealed class Gate(WrappingTransport transport, Task<IAssociationEventListener> upstream) : IAssociationEventListener
    {
        public void Notify(IAssociationEvent ev)
        {
            if (ev is InboundAssociation inbound) transport.OnInbound(inbound.Association, upstream);
        }
    }
}
