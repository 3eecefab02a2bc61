using ActorBroker.FaultTests.Running;

namespace ActorBroker.FaultTests;

/// <summary>The bars every fault run must meet: nothing acknowledged lost or moved, nothing unsent read, identical replicas, and every fault recovered in time.</summary>
internal static class FaultRunAssertions
{
    /// <summary>Keeps the node logs (and names them in the failure) when a bar is missed; deletes them when every bar is met.</summary>
    public static void AssertSafeAndRecovered(FaultRunResult result, int expectedCycles)
    {
        var table = result.LogsDirectory is { } logs ? $"{result.Table}\nnode logs: {logs}" : result.Table;
        AssertBars(result with { Table = table }, expectedCycles);
        if (result.LogsDirectory is { } passed) Directory.Delete(passed, recursive: true);
    }

    private static void AssertBars(FaultRunResult result, int expectedCycles)
    {
        Assert.True(result.Check.Acked > 0, "the workload got acknowledgements");
        Assert.True(result.Check.Lost.Count == 0, $"{result.Check.Lost.Count} acknowledged records were lost\n{result.Table}");
        Assert.True(result.Check.Unexpected.Count == 0, $"{result.Check.Unexpected.Count} records were read that were never sent\n{result.Table}");
        Assert.True(result.Check.OffsetMismatches.Count == 0, $"{result.Check.OffsetMismatches.Count} records were read at another offset than acknowledged\n{result.Table}");
        Assert.True(result.Check.ReplicasDiffer.Count == 0, $"{result.Check.ReplicasDiffer.Count} partitions have replicas that differ\n{result.Table}");
        Assert.True(result.Faults.Count == expectedCycles, $"{result.Faults.Count} of {expectedCycles} fault cycles ran (the cluster did not serve again or did not become whole)\n{result.Table}");
        var slow = result.SlowerThan(TimeSpan.FromSeconds(30));
        Assert.True(slow.Count == 0, $"{slow.Count} faults were not served again within 30 s of the heal\n{result.Table}");
    }
}
