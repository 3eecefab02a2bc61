using ActorBroker.FaultTests.Cluster;
using Xunit.Abstractions;

namespace ActorBroker.FaultTests;

/// <summary>The firewall leaves nothing behind: not its own rules, and not those of a run that crashed before cleaning up.</summary>
[Collection(FaultProcessesCollection.Name)]
[Trait("Category", "Fault")]
public sealed class FaultFirewallTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_chain_left_by_a_crashed_run_is_replaced_and_everything_is_removed_on_dispose()
    {
        if ((await Shell.RunAsync("iptables", "-w", "-L", "OUTPUT", "-n")).ExitCode != 0)
        {
            output.WriteLine("NETWORK FAULTS UNAVAILABLE: iptables does not work here; nothing to check");
            return;
        }

        // What a crashed run leaves: the chain with a rule, jumped to twice.
        await Shell.RunAsync("iptables", "-w", "-N", FaultFirewall.Chain);
        await Shell.CheckAsync("iptables", "-w", "-A", FaultFirewall.Chain, "-d", "127.0.0.9", "-j", "DROP");
        await Shell.CheckAsync("iptables", "-w", "-A", "OUTPUT", "-j", FaultFirewall.Chain);
        await Shell.CheckAsync("iptables", "-w", "-A", "OUTPUT", "-j", FaultFirewall.Chain);

        var (firewall, problem) = await FaultFirewall.TryCreateAsync();
        Assert.True(firewall is not null, problem);
        try
        {
            Assert.Equal(1, CountJumps(await OutputRulesAsync()));
            Assert.DoesNotContain("127.0.0.9", await firewall.ListAsync());
            await firewall.DropAsync(0, "127.0.0.3");
            Assert.Contains("-d 127.0.0.3/32", await firewall.ListAsync());
            await firewall.HealAsync();
            Assert.DoesNotContain("127.0.0.3", await firewall.ListAsync());
        }
        finally
        {
            await firewall.DisposeAsync();
        }

        Assert.Equal(0, CountJumps(await OutputRulesAsync()));
        Assert.NotEqual(0, (await Shell.RunAsync("iptables", "-w", "-S", FaultFirewall.Chain)).ExitCode);
    }

    private static async Task<string> OutputRulesAsync() => (await Shell.RunAsync("iptables", "-w", "-S", "OUTPUT")).Output;

    private static int CountJumps(string rules) => rules.Split('\n').Count(l => l.Trim() == $"-A OUTPUT -j {FaultFirewall.Chain}");
}
