using Akka.Actor;
using Akka.Remote;
using Akka.Remote.Transport;
using Gremlin = Akka.Remote.Transport.FailureInjectorTransportAdapter;

namespace ActorBroker.MultiNode;

/// <summary>
/// Network faults between nodes, injected in Akka.Remote's own transport adapters: the throttler (trttl) for
/// blackholes, as Akka's multi-node TestConductor does, and the failure injector (gremlin) for random drops.
/// Each fault is set on both nodes of a link, so every association between them (each side may open one) is cut.
/// </summary>
public sealed partial class ClusterNodes
{
    // The links this fixture has faulted, as (node, address it no longer hears); HealAll undoes exactly these.
    private readonly HashSet<(ActorSystem Node, Address Remote)> _faults = [];

    /// <summary>Loses every message between <paramref name="a"/> and <paramref name="b"/>, both ways, until healed.</summary>
    public async Task BlackholeAsync(ActorSystem a, ActorSystem b)
    {
        await ThrottleAsync(a, AddressOf(b), Blackhole.Instance).ConfigureAwait(false);
        await ThrottleAsync(b, AddressOf(a), Blackhole.Instance).ConfigureAwait(false);
    }

    /// <summary>
    /// Loses each message between the two nodes, both ways, with the given probability (Akka's failure injector).
    /// Set it on nodes that are already associated (a formed cluster): Akka.NET's gremlin resets a link to
    /// pass-through whenever it opens a new outbound association. Akka's adapters offer no fixed delay.
    /// </summary>
    public async Task DropAsync(ActorSystem a, ActorSystem b, double probability)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(probability, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(probability, 1);
        await InjectAsync(a, AddressOf(b), new Gremlin.Drop(probability, probability)).ConfigureAwait(false);
        await InjectAsync(b, AddressOf(a), new Gremlin.Drop(probability, probability)).ConfigureAwait(false);
    }

    /// <summary>Removes the blackhole and drops between the two nodes.</summary>
    public async Task PassThroughAsync(ActorSystem a, ActorSystem b)
    {
        await ClearAsync(a, AddressOf(b)).ConfigureAwait(false);
        await ClearAsync(b, AddressOf(a)).ConfigureAwait(false);
    }

    /// <summary>A network partition: no message crosses between the two groups; each group still talks inside.</summary>
    public async Task PartitionAsync(IEnumerable<ActorSystem> side1, IEnumerable<ActorSystem> side2)
    {
        var other = side2.ToList();
        foreach (var a in side1)
        {
            foreach (var b in other) await BlackholeAsync(a, b).ConfigureAwait(false);
        }
    }

    /// <summary>Removes every fault this fixture injected on the running nodes, including those a kill left towards the dead node.</summary>
    public async Task HealAllAsync()
    {
        var running = Nodes;
        List<(ActorSystem Node, Address Remote)> faults;
        lock (_faults)
        {
            _faults.RemoveWhere(f => !running.Contains(f.Node)); // ended nodes take no commands and need none
            faults = [.. _faults];
        }

        foreach (var (node, remote) in faults) await ClearAsync(node, remote).ConfigureAwait(false);
    }

    private async Task ClearAsync(ActorSystem node, Address remote)
    {
        await SendCommandAsync(node, new SetThrottle(remote, ThrottleTransportAdapter.Direction.Both, Unthrottled.Instance)).ConfigureAwait(false);
        await SendCommandAsync(node, new Gremlin.One(remote, Gremlin.PassThru.Instance)).ConfigureAwait(false);
        lock (_faults) _faults.Remove((node, remote));
    }

    private async Task ThrottleAsync(ActorSystem node, Address remote, ThrottleMode mode)
    {
        lock (_faults) _faults.Add((node, remote));
        await SendCommandAsync(node, new SetThrottle(remote, ThrottleTransportAdapter.Direction.Both, mode)).ConfigureAwait(false);
    }

    private async Task InjectAsync(ActorSystem node, Address remote, Gremlin.IGremlinMode mode)
    {
        lock (_faults) _faults.Add((node, remote));
        await SendCommandAsync(node, new Gremlin.One(remote, mode)).ConfigureAwait(false);
    }

    /// <summary>
    /// Hands a management command down the node's transport stack; the adapter it is meant for answers. The
    /// throttler answers once the mode is set on every open association to that address.
    /// </summary>
    private static async Task SendCommandAsync(ActorSystem node, object command)
    {
        // Akka's RARP extension, which TestConductor uses to reach the transport, is internal; the provider is not.
        var provider = (IRemoteActorRefProvider)((ExtendedActorSystem)node).Provider;
        var done = await provider.Transport.ManagementCommand(command).ConfigureAwait(false);
        if (!done) throw new InvalidOperationException($"{command.GetType().Name} was not applied on {provider.DefaultAddress}: is the '{Protocol}' adapter stack configured?");
    }
}
