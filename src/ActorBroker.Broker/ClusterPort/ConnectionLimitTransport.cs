using System.Net;
using ActorBroker.Broker.Internal;
using Akka.Actor;
using Akka.Event;
using Akka.Remote.Transport;

namespace ActorBroker.Broker.ClusterPort;

/// <summary>
/// A node's Akka.Remote transport with connection limits: an inbound TCP connection over
/// <see cref="ClusterPortLimits"/> is closed as soon as the transport reports it, before Akka's handshake, and a
/// connection that is admitted gives its place back when it ends. Addresses and everything else pass through
/// unchanged, so, unlike Akka's own adapters, the address scheme stays <c>akka.tcp</c> / <c>akka.ssl.tcp</c>.
/// Outbound connections (this node to its peers) are not counted.
/// </summary>
internal sealed class ConnectionLimitTransport : Transport
{
    private static readonly TimeSpan RefusalLogInterval = TimeSpan.FromSeconds(10);

    private readonly Transport _wrapped;
    private readonly ConnectionQuota _quota;
    private readonly ThrottledLog _refusals;

    public ConnectionLimitTransport(Transport wrapped, ExtendedActorSystem system, ClusterPortLimits limits)
    {
        _wrapped = wrapped;
        System = system;
        Config = wrapped.Config;
        SchemeIdentifier = wrapped.SchemeIdentifier;
        MaximumPayloadBytes = wrapped.MaximumPayloadBytes;
        _quota = new ConnectionQuota(limits.MaxConnections, limits.MaxConnectionsPerIp, ClusterPortLimits.Section);
        _refusals = new ThrottledLog(Logging.GetLogger(system, typeof(ConnectionLimitTransport)), RefusalLogInterval, TimeProvider.System);
    }

    public override async Task<(Address, TaskCompletionSource<IAssociationEventListener>)> Listen()
    {
        var (address, wrappedListener) = await _wrapped.Listen().ConfigureAwait(false);
        var upstream = new TaskCompletionSource<IAssociationEventListener>(TaskCreationOptions.RunContinuationsAsynchronously);
        wrappedListener.TrySetResult(new Gate(this, upstream.Task));
        return (address, upstream);
    }

    public override bool IsResponsibleFor(Address remote) => _wrapped.IsResponsibleFor(remote);

    public override Task<AssociationHandle> Associate(Address remoteAddress) => _wrapped.Associate(remoteAddress);

    public override Task<bool> Shutdown() => _wrapped.Shutdown();

    // The throttler and failure injector of the test harness sit beneath when both are applied: their commands pass.
    public override Task<bool> ManagementCommand(object message) => _wrapped.ManagementCommand(message);

    private void OnInbound(AssociationHandle handle, Task<IAssociationEventListener> upstream)
    {
        var ip = IpOf(handle.RemoteAddress);
        if (_quota.TryAcquire(ip) is { } refusal)
        {
            _refusals.Warning($"Cluster port: closed a connection from {ip} (port {handle.RemoteAddress.Port}): {refusal}", "connections closed over the limit");
#pragma warning disable CS0618 // the handle's reasoned overload only adds a debug line, and this one is logged above
            handle.Disassociate();
#pragma warning restore CS0618
            return;
        }

        var counted = new CountedAssociationHandle(handle, () => _quota.Release(ip));
        if (upstream.IsCompletedSuccessfully) upstream.Result.Notify(new InboundAssociation(counted));
        else upstream.ContinueWith(t => t.Result.Notify(new InboundAssociation(counted)), TaskContinuationOptions.OnlyOnRanToCompletion);
    }

    private static IPAddress IpOf(Address address)
    {
        if (!IPAddress.TryParse(address.Host, out var ip)) return IPAddress.None;
        return ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip;
    }

    /// <summary>What the wrapped transport reports its inbound connections to.</summary>
    private sealed class Gate(ConnectionLimitTransport transport, Task<IAssociationEventListener> upstream) : IAssociationEventListener
    {
        public void Notify(IAssociationEvent ev)
        {
            if (ev is InboundAssociation inbound) transport.OnInbound(inbound.Association, upstream);
        }
    }
}
