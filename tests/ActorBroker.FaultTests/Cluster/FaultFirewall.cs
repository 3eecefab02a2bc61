namespace ActorBroker.FaultTests.Cluster;

/// <summary>
/// Network cuts between node processes with iptables. Every rule lives in one chain, <see cref="Chain"/>, jumped to
/// from OUTPUT; a rule drops what one node's cgroup sends to another node's loopback address. <see cref="HealAsync"/>
/// flushes the chain; <see cref="DisposeAsync"/> also removes the chain and its jump, and creating the firewall first
/// removes whatever a crashed earlier run left behind.
/// </summary>
public sealed class FaultFirewall : IAsyncDisposable
{
    public const string Chain = "ACTORBROKER-FAULTS";
    private readonly NodeCgroups _cgroups;

    private FaultFirewall(NodeCgroups cgroups) => _cgroups = cgroups;

    /// <summary>Node processes must be moved into their cgroups with this as they start.</summary>
    public NodeCgroups Cgroups => _cgroups;

    /// <summary>A firewall with an empty chain, or the reason network faults cannot run here.</summary>
    public static async Task<(FaultFirewall? Firewall, string? Problem)> TryCreateAsync()
    {
        var (code, output) = await Shell.RunAsync("iptables", "-w", "-L", "OUTPUT", "-n").ConfigureAwait(false);
        if (code != 0) return (null, $"iptables does not work here (install it: apt-get install -y iptables; run as root): {output}");
        var (cgroups, problem) = NodeCgroups.Open();
        if (cgroups is null) return (null, problem);
        await RemoveChainAsync().ConfigureAwait(false);
        cgroups.RemoveEmpty();
        await Shell.CheckAsync("iptables", "-w", "-N", Chain).ConfigureAwait(false);
        await Shell.CheckAsync("iptables", "-w", "-I", "OUTPUT", "1", "-j", Chain).ConfigureAwait(false);
        return (new FaultFirewall(cgroups), null);
    }

    /// <summary>Drops every packet node <paramref name="from"/> sends to <paramref name="toHost"/> (one direction of a link).</summary>
    public Task DropAsync(int from, string toHost)
    {
        _cgroups.Ensure(from);
        return Shell.CheckAsync("iptables", "-w", "-A", Chain, "-m", "cgroup", "--path", NodeCgroups.PathOf(from), "-d", toHost, "-j", "DROP");
    }

    /// <summary>The rules in force, one per line.</summary>
    public async Task<string> ListAsync() => (await Shell.RunAsync("iptables", "-w", "-S", Chain).ConfigureAwait(false)).Output;

    public Task HealAsync() => Shell.CheckAsync("iptables", "-w", "-F", Chain);

    public async ValueTask DisposeAsync()
    {
        await RemoveChainAsync().ConfigureAwait(false);
        _cgroups.RemoveEmpty();
    }

    private static async Task RemoveChainAsync()
    {
        // Every jump to the chain (an earlier run may have added more than one), then the chain itself.
        while ((await Shell.RunAsync("iptables", "-w", "-D", "OUTPUT", "-j", Chain).ConfigureAwait(false)).ExitCode == 0)
        {
        }

        await Shell.RunAsync("iptables", "-w", "-F", Chain).ConfigureAwait(false);
        await Shell.RunAsync("iptables", "-w", "-X", Chain).ConfigureAwait(false);
    }
}
