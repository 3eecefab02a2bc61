using System.Net;
using ActorBroker.Broker.Internal;

namespace ActorBroker.Broker.Tests.Internal;

public class ConnectionQuotaTests
{
    private static readonly IPAddress A = IPAddress.Parse("10.0.0.1");
    private static readonly IPAddress B = IPAddress.Parse("10.0.0.2");

    [Fact]
    public void An_address_at_its_limit_is_refused_naming_max_connections_per_ip_while_another_address_is_admitted()
    {
        var quota = new ConnectionQuota(maxConnections: 10, maxConnectionsPerIp: 2, "actorbroker.kafka");
        Assert.Null(quota.TryAcquire(A));
        Assert.Null(quota.TryAcquire(A));

        Assert.Contains("actorbroker.kafka.max-connections-per-ip = 2", quota.TryAcquire(A), StringComparison.Ordinal);
        Assert.Null(quota.TryAcquire(B));
        Assert.Equal(3, quota.Open);
    }

    [Fact]
    public void The_total_limit_refuses_every_address_naming_max_connections_until_a_connection_ends()
    {
        var quota = new ConnectionQuota(maxConnections: 2, maxConnectionsPerIp: 2, "actorbroker.kafka");
        Assert.Null(quota.TryAcquire(A));
        Assert.Null(quota.TryAcquire(B));

        Assert.Contains("actorbroker.kafka.max-connections = 2", quota.TryAcquire(B), StringComparison.Ordinal);
        quota.Release(A);
        Assert.Null(quota.TryAcquire(B));
        Assert.Equal(2, quota.Open);
    }
}
