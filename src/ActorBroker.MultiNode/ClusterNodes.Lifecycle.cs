using Akka.Actor;
using Akka.Remote.Transport;

namespace ActorBroker.MultiNode;

/// <summary>Ending nodes (crash or graceful leave) and starting them again as new incarnations.</summary>
public sealed partial class ClusterNodes
{
    /// <summary>
    /// Crashes a node as closely as one process allows: first every link between it and the other nodes is
    /// blackholed, so nothing it says while going down (no Leave, no remoting Disassociate) reaches them; then its
    /// actor system is aborted, which skips coordinated shutdown and so the cluster-leave and exiting phases.
    /// Its TCP connections close, as the kernel would close them after a SIGKILL; the others learn of the crash from their failure detectors.
    /// </summary>
    /// <remarks>
    /// Unlike SIGKILL, the node's actors still run their PostStop (in-memory state is dropped, not flushed
    /// anywhere the others could see), its threads wind down over a few milliseconds instead of vanishing, and
    /// it shares this process's thread pool and statics with the survivors. Its sockets are closed by the
    /// system's shutdown rather than by the kernel; the peers see the connection end either way.
    /// </remarks>
    public async Task KillAsync(ActorSystem node)
    {
        var others = Forget(node);
        // A node that was downed has already ended itself; its transport no longer takes commands.
        if (!node.WhenTerminated.IsCompleted)
        {
            foreach (var other in others) await BlackholeAsync(node, other).ConfigureAwait(false);
            lock (_faults) _faults.RemoveWhere(f => f.Node == node);
            ((ExtendedActorSystem)node).Abort();
            await node.WhenTerminated.WaitAsync(Timeout).ConfigureAwait(false);
        }

        await DropLinksToAsync(AddressOf(node), others).ConfigureAwait(false);
    }

    /// <summary>
    /// Stops a node gracefully: coordinated shutdown with the cluster-leaving reason, so the node leaves
    /// (Leaving, Exiting, Removed as the others see it) and then terminates.
    /// </summary>
    public async Task StopAsync(ActorSystem node)
    {
        Forget(node);
        await CoordinatedShutdown.Get(node).Run(CoordinatedShutdown.ClusterLeavingReason.Instance).WaitAsync(Timeout).ConfigureAwait(false);
        await node.WhenTerminated.WaitAsync(Timeout).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts a new incarnation (a new ActorSystem, so a new uid) of <paramref name="node"/> on the same host and port,
    /// with the same node config, joining through the running nodes. A node still running is killed first.
    /// The survivors' faults and stale links towards that address are dropped first, else they would not hear the new one.
    /// </summary>
    public async Task<ActorSystem> RestartAsync(ActorSystem node)
    {
        if (Nodes.Contains(node)) await KillAsync(node).ConfigureAwait(false);
        else lock (_running) _running.Remove(node); // a node that terminated after being downed
        var address = AddressOf(node);
        string? config;
        lock (_running) config = _started[node].Config;

        await DropLinksToAsync(address, Nodes).ConfigureAwait(false);

        // Joining through itself would found a second cluster, so a restarted first seed joins through the others.
        return StartMember([.. Nodes.Select(AddressOf)], config, address.Port!.Value);
    }

    /// <summary>
    /// What the kernel does for the peers of a SIGKILLed process: their connections to it end, and its port is
    /// simply closed (no blackhole needed). Akka's throttler does not pass a dead connection's end upwards (it
    /// relies on heartbeats), so the survivors' links to the dead node are failed explicitly; a link whose throttler
    /// has already stopped cannot be failed and waits out the handshake timeout (see connection-timeout in multinode.conf).
    /// </summary>
    private async Task DropLinksToAsync(Address dead, IEnumerable<ActorSystem> survivors)
    {
        foreach (var survivor in survivors.Where(s => !s.WhenTerminated.IsCompleted))
        {
            await ClearAsync(survivor, dead).ConfigureAwait(false);
            await SendCommandAsync(survivor, new ForceDisassociateExplicitly(dead, DisassociateInfo.Unknown)).ConfigureAwait(false);
        }
    }

    /// <summary>Takes a node off the running list and returns the nodes that stay.</summary>
    private List<ActorSystem> Forget(ActorSystem node)
    {
        lock (_running)
        {
            if (!_running.Remove(node)) throw new InvalidOperationException($"{AddressOf(node)} is not a running node of this fixture");
            return [.. _running.Where(n => !n.WhenTerminated.IsCompleted)];
        }
    }
}
