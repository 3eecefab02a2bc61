using System.Globalization;
using ActorBroker.FaultTests.Cluster;

namespace ActorBroker.FaultTests.Nemeses;

/// <summary>
/// SIGSTOP one node, then SIGCONT. The quickstart's failure detector marks a silent node unreachable after about
/// 1.5 s and the split-brain resolver downs it 1 s later, so a short pause (0.5–0.9 s) should go unnoticed and a long
/// one (5–8 s) gets the node downed: it exits when it wakes up, and the run restarts it.
/// </summary>
public sealed class PauseNode(bool longerThanFailureDetector) : INemesis
{
    private FaultNode? _victim;

    public string Kind => longerThanFailureDetector ? "pause-long" : "pause-short";

    public async Task<InjectedFault> InjectAsync(FaultContext context)
    {
        _victim = context.NextVictim();
        var hold = longerThanFailureDetector ? context.Between(5, 8) : context.Between(0.5, 0.9);
        await context.Cluster.PauseAsync(_victim);
        return new InjectedFault($"SIGSTOP {_victim} for {hold.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s", hold);
    }

    public Task HealAsync(FaultContext context) => _victim is { } v ? context.Cluster.ResumeAsync(v) : Task.CompletedTask;
}
