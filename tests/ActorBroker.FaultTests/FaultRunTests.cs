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
    /// <summary>
    /// The kinds that pass on today's code every time, also on a loaded machine (docs/faults.md has what the others did):
    /// only short pauses. Add a kind here when its skipped test below passes.
    /// </summary>
    private const string ShortRunKinds = "pause-short";

    [Fact]
    public async Task A_short_run_of_the_faults_that_pass_today_loses_no_acknowledged_record_and_recovers_within_30_s()
    {
        var options = new FaultRunOptions(ShortRunKinds, Cycles: 9, Seed: 17).WithEnvironment();

        var result = await new FaultRun(options, output).RunAsync();

        FaultRunAssertions.AssertSafeAndRecovered(result, options.Cycles);
    }

    [Fact(Skip = "issue 17: SIGKILL of two of three nodes: the survivor downed itself (exit 3), restarted nodes did not come Up within 60 s, "
        + "no produce succeeded within 60 s of any heal, and 2,829 of 4,491 acked records were never read (seed 17, 3 cycles)")]
    public Task Two_of_three_nodes_SIGKILLed_and_restarted_lose_no_acknowledged_record_and_serve_again() => RunOneKindAsync("kill-two");

    [Fact(Skip = "issue 17: the first seed SIGKILLed and restarted at once founded a second cluster (\"this is the oldest member\", controller "
        + "epoch 2 again, itself leader of partitions with ISR [itself]); the others never listed it again (seed 17, cycle 2)")]
    public Task The_first_seed_node_restarted_at_once_rejoins_the_cluster_and_loses_nothing() => RunOneKindAsync("restart-first-seed");

    [Fact(Skip = "issue 17: on each single link cut the third node's split-brain resolver downed a node (\"DownReachable with 1 reachable and 2 "
        + "unreachable\"); in cycle 5 of 6 (seed 17) no produce and consume succeeded within 60 s of the heal (6,015 records failed); mixed "
        + "with other kinds, a partition stopped serving for over 60 s after a cut")]
    public Task A_link_cut_between_two_nodes_and_healed_loses_no_acknowledged_record_and_serves_again() => RunOneKindAsync("cut-link", cycles: 6);

    [Fact(Skip = "issue 17: passed 3 short runs in a row on an idle machine, but with other test runs loading both cores one kill (restart once "
        + "the cluster removed the node, cycle 7) was not served again within 60 s and the final read missed 5,973 acked records of partition 2, from offset 0")]
    public Task A_node_SIGKILLed_and_restarted_once_removed_loses_no_acknowledged_record_and_the_cluster_serves_again() => RunOneKindAsync("kill", cycles: 6);

    [Fact(Skip = "issue 17: passed 3 short runs in a row on an idle machine, but under load the killed controller's node was not removed within "
        + "30 s, then nothing served for about 9 minutes, and 275 order inversions were read (0 lost)")]
    public Task The_controllers_node_SIGKILLed_and_restarted_once_removed_loses_no_acknowledged_record_and_the_cluster_serves_again() =>
        RunOneKindAsync("kill-controller", cycles: 6);

    [Fact(Skip = "issue 17: SIGKILL and restart 3-6 s later (while the cluster may still hold the old incarnation): twice in about 45 such cycles "
        + "(restarts after 3.3 s and, of the controller's node, 3.1 s) a partition took no produce for 1-2 minutes (11,570 and 4,731 records failed)")]
    public Task A_node_SIGKILLed_and_restarted_within_seconds_loses_no_acknowledged_record_and_the_cluster_serves_again() => RunOneKindAsync("kill-early", cycles: 6);

    [Fact(Skip = "issue 17: passed alone (3 cycles) but in 1 of 3 mixed short runs (seed 17, cycle 6) after a 6.6 s SIGSTOP no produce succeeded on "
        + "partitions 0 and 2 for 60 s after SIGCONT (requests in flight timed out; 10,162 records failed) until the downed node was restarted")]
    public Task A_node_paused_longer_than_the_failure_detector_and_continued_loses_nothing_and_the_rest_serve_again() => RunOneKindAsync("pause-long", cycles: 6);

    [Fact(Skip = "issue 17: passed alone (3 cycles) but in 1 of 3 mixed short runs (seed 17, cycle 10) after node 2 was cut off for 6.4 s no produce "
        + "and consume succeeded within 60 s of the heal, and the final read missed 8,850 acked records of partition 2, from offset 0 on")]
    public Task A_node_cut_off_from_the_others_and_healed_loses_no_acknowledged_record_and_serves_again() => RunOneKindAsync("isolate-node", cycles: 6);

    private async Task RunOneKindAsync(string kind, int cycles = 3)
    {
        var options = new FaultRunOptions(kind, cycles, Seed: 17);

        var result = await new FaultRun(options, output).RunAsync();

        FaultRunAssertions.AssertSafeAndRecovered(result, options.Cycles);
    }
}
