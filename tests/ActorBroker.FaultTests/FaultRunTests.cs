using ActorBroker.FaultTests.Running;
using Xunit.Abstractions;

namespace ActorBroker.FaultTests;

/// <summary>
/// Black-box fault runs against real node processes (see docs/faults.md): every fault kind, a queue workload and the
/// checker. ACTORBROKER_FAULT_CYCLES / _KINDS / _SEED turn the short run into a long one or a run of one kind.
/// </summary>
[Collection(FaultProcessesCollection.Name)]
[Trait("Category", "Slow")]
[Trait("Category", "Fault")]
public sealed class FaultRunTests(ITestOutputHelper output)
{
    /// <summary>
    /// Every fault kind, each at least once in 12 cycles with this seed (docs/faults.md has what each does and the
    /// long run's numbers). About two minutes; ACTORBROKER_FAULT_* turn it into a long run.
    /// </summary>
    private const string ShortRunKinds = "kill,kill-controller,kill-early,kill-two,restart-first-seed,pause-short,pause-long,cut-link,isolate-node";

    [Fact]
    public async Task A_short_run_of_every_fault_kind_loses_no_acknowledged_record_and_recovers_within_30_s()
    {
        var options = new FaultRunOptions(ShortRunKinds, Cycles: 12, Seed: 17).WithEnvironment();

        var result = await new FaultRun(options, output).RunAsync();

        FaultRunAssertions.AssertSafeAndRecovered(result, options.Cycles);
    }
}
