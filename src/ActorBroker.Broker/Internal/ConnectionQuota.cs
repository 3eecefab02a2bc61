using System.Net;

namespace ActorBroker.Broker.Internal;

/// <summary>
/// Counts a listener's open connections, in total and per IP address, and refuses one over max-connections or
/// max-connections-per-ip (the settings under <paramref name="section"/>, named in the refusal). Taken once per
/// accepted connection and given back when it ends: a lock is cheap there. The Kafka listener and the cluster port
/// (<see cref="ActorBroker.Broker.ClusterPort.ConnectionLimitTransport"/>) each keep one.
/// </summary>
internal sealed class ConnectionQuota(int maxConnections, int maxConnectionsPerIp, string section)
{
    private readonly Dictionary<IPAddress, int> _perAddress = [];
    private int _total;

    /// <summary>Connections open now.</summary>
    public int Open
    {
        get
        {
            lock (_perAddress) return _total;
        }
    }

    /// <summary>Takes a place for a connection from <paramref name="address"/>; null when taken, else why not (naming the setting).</summary>
    public string? TryAcquire(IPAddress address)
    {
        lock (_perAddress)
        {
            if (_total >= maxConnections)
                return $"{_total} connections are open ({section}.max-connections = {maxConnections})";
            var fromAddress = _perAddress.GetValueOrDefault(address);
            if (fromAddress >= maxConnectionsPerIp)
                return $"{fromAddress} connections from {address} are open ({section}.max-connections-per-ip = {maxConnectionsPerIp})";
            _perAddress[address] = fromAddress + 1;
            _total++;
            return null;
        }
    }

    /// <summary>Gives back the place of a connection from <paramref name="address"/> that ended.</summary>
    public void Release(IPAddress address)
    {
        lock (_perAddress)
        {
            _total--;
            // Addresses without connections are forgotten, so a scan over many addresses leaves no table behind.
            if (_perAddress[address] == 1) _perAddress.Remove(address);
            else _perAddress[address]--;
        }
    }
}
