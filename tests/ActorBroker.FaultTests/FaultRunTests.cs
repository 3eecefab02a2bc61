using ActorBroker.FaultTests.Running;
using Xunit.Abstractions;

namespace ActorBroker.FaultTests;

/// <summary>
/// Black-box fault runs against real node processes (see docs/faults.md). The short run uses only the fault kinds
/// that pass on today's code; each kind that does not has its own test below, skipped with what was observed, so it
/// is one line to enable once issue 17 is fixed. ACTORBROKER_FAULT_CYCLES / _KINDS / _SEED turn the short run into a long one.
/// </summary>
[Collection(FaultProcessesCollection.Name)]
[Trait("Category", "Slow")]
[Trait("Category", "Fault")]
public sealed class FaultRunTests(ITestOutputHelper output)
{
    /// <summary>The kinds that pass on today's code (docs/faults.md has what the others did); each comes up twice in the short run.</summary>
    private const string ShortRunKinds = "kill,kill-controller,pause-short,pause-long,isolate-node";

    [Fact]
    public async Task A_short_run_of_the_faults_that_pass_today_loses_no_acknowledged_record_and_recovers_within_30_s()
    {
        var options = new FaultRunOptions(ShortRunKinds, Cycles: 10, Seed: 17).WithEnvironment();

        var result = await new FaultRun(options, output).RunAsync();

        FaultRunAssertions.AssertSafeAndRecovered(result, options.Cycles);
    }

    [Fact(Skip = "issue 17: SIGKILL of two of three nodes: the survivor downed itself (exit 3), restarted nodes did not come Up within 60 s, "
        + "no produce succeeded within 60 s of any heal, and 2,829 of 4,491 acked records were never read (seed 17, 3 cycles)")]
    public Task Two_of_three_nodes_SIGKILLed_and_restarted_lose_no_acknowledged_record_and_serve_again() => RunOneKindAsync("kill-two");

    [Fact(Skip = "issue 17: the first seed SIGKILLed and restarted at once founded a second cluster (\"this is the oldest member\", controller "
        + "epoch 2 again, itself leader of partitions with ISR [itself]); the others never listed it again (seed 17, cycle 2)")]
    public Task The_first_seed_node_restarted_at_once_rejoins_the_cluster_and_loses_nothing() => RunOneKindAsync("restart-first-seed");

    private async Task RunOneKindAsync(string kind)
    {
        var options = new FaultRunOptions(kind, Cycles: 3, Seed: 17);

        var result = await new FaultRun(options, output).RunAsync();

        FaultRunAssertions.AssertSafeAndRecovered(result, options.Cycles);
    }
}
