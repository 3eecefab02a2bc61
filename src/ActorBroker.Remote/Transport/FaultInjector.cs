using System.Collections.Concurrent;
using ActorBroker.Actors;

namespace ActorBroker.Remote.Transport;

/// <summary>Which way a fault applies, seen from the node that injects it.</summary>
[Flags]
public enum FaultDirection
{
    Outbound = 1,
    Inbound = 2,
    Both = Outbound | Inbound,
}

/// <summary>
/// Test hook in the transport: makes the link to one remote node lose (blackhole), randomly drop or delay
/// messages, until healed. Connections and handshakes stay up, as with a network that silently loses packets,
/// so failure detection rather than connection errors must notice. Costs one volatile read per message when unused.
/// </summary>
public sealed class FaultInjector
{
    private readonly ConcurrentDictionary<Address, LinkFault> _faults = new();
    private volatile bool _any;

    /// <summary>Loses every message to and/or from <paramref name="remote"/>.</summary>
    public void Blackhole(Address remote, FaultDirection direction = FaultDirection.Both) =>
        Set(remote, new LinkFault(direction, DropProbability: 1.0, Delay: TimeSpan.Zero));

    /// <summary>Loses each message to and/or from <paramref name="remote"/> with the given probability.</summary>
    public void Drop(Address remote, double probability, FaultDirection direction = FaultDirection.Both)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(probability, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(probability, 1.0);
        Set(remote, new LinkFault(direction, probability, TimeSpan.Zero));
    }

    /// <summary>Holds each outbound message to <paramref name="remote"/> back by <paramref name="delay"/>.</summary>
    public void Delay(Address remote, TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        Set(remote, new LinkFault(FaultDirection.Outbound, 0.0, delay));
    }

    public void Heal(Address remote)
    {
        _faults.TryRemove(remote, out _);
        _any = !_faults.IsEmpty;
    }

    public void HealAll()
    {
        _faults.Clear();
        _any = false;
    }

    internal LinkFault? For(Address remote) => _any && _faults.TryGetValue(remote, out var fault) ? fault : null;

    private void Set(Address remote, LinkFault fault)
    {
        _faults[remote] = fault;
        _any = true;
    }
}

/// <summary>The fault on one link.</summary>
internal sealed record LinkFault(FaultDirection Direction, double DropProbability, TimeSpan Delay)
{
    public bool DropsOutbound() => (Direction & FaultDirection.Outbound) != 0 && Drops();

    public bool DropsInbound() => (Direction & FaultDirection.Inbound) != 0 && Drops();

    private bool Drops() => DropProbability >= 1.0 || (DropProbability > 0 && Random.Shared.NextDouble() < DropProbability);
}
