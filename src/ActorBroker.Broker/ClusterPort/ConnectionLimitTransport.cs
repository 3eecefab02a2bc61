using System.Net;
using ActorBroker.Broker.Internal;
using Akka.Actor;
using Akka.Event;
using ActorBroker.Tls.Adapters;
using Akka.Remote.Transport;

namespace ActorBroker.Broker.ClusterPort;

/// <summary>
/// A node's Akka.Remote transport with connection limits: an inbound TCP connection over
/// <see cref="ClusterPortLimits"/> is closed as soon as the transport reports it, before Akka's handshake, and a
/// connection that is admitted gives its place back when it ends. Outbound connections (this node to its peers) are
/// not counted.
/// </summary>
internal sealed class ConnectionLimitTransport : WrappingTransport
{
    private static readonly TimeSpan RefusalLogInterval = TimeSpan.FromSeconds(10);

    private readonly ConnectionQuota _quota;
    private readonly ThrottledLog _refusals;

    public ConnectionLimitTransport(Transport wrapped, ExtendedActorSystem system, ClusterPortLimits limits)
        : base(wrapped, system)
    {
        _quota = new ConnectionQuota(limits.MaxConnections, limits.MaxConnectionsPerIp, ClusterPortLimits.Section);
        _refusals = new ThrottledLog(Logging.GetLogger(system, typeof(ConnectionLimitTransport)), RefusalLogInterval, TimeProvider.System);
    }

    protected override void OnInbound(AssociationHandle handle, Task<IAssociationEventListener> upstream)
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

        Deliver(new CountedAssociationHandle(handle, () => _quota.Release(ip)), upstream);
    }

    private static IPAddress IpOf(Address address)
    {
        if (!IPAddress.TryParse(address.Host, out var ip)) return IPAddress.None;
        return ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip;
    }
}
