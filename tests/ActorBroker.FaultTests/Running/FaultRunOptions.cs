namespace ActorBroker.FaultTests.Running;

/// <summary>
/// A fault run: which fault kinds (taken in a seeded shuffled order, round robin, so each kind comes up), how many
/// cycles, the workload's rate, and the deadlines. The same seed and kinds give the same schedule of faults and victims.
/// </summary>
public sealed record FaultRunOptions(string Kinds, int Cycles, int Seed)
{
    public const string Topic = "faults";
    public const int Partitions = 3;

    public int Producers { get; init; } = 2;

    /// <summary>Total workload rate; bounded so two cores keep up while a node restarts.</summary>
    public int RecordsPerSecond { get; init; } = 300;

    /// <summary>The bar: after every heal, a produce and a consume succeed within this.</summary>
    public TimeSpan RecoveryDeadline { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the run probes before it records a fault as never recovered.</summary>
    public TimeSpan ProbeDeadline { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the run waits for every node to be back in every ISR before it stops injecting faults.</summary>
    public TimeSpan WholeDeadline { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// From the environment, for long runs: ACTORBROKER_FAULT_CYCLES, ACTORBROKER_FAULT_KINDS (comma list or "all")
    /// and ACTORBROKER_FAULT_SEED override the given values.
    /// </summary>
    public FaultRunOptions WithEnvironment() => this with
    {
        Cycles = int.TryParse(Environment.GetEnvironmentVariable("ACTORBROKER_FAULT_CYCLES"), out var cycles) ? cycles : Cycles,
        Kinds = Environment.GetEnvironmentVariable("ACTORBROKER_FAULT_KINDS") is { Length: > 0 } kinds ? kinds : Kinds,
        Seed = int.TryParse(Environment.GetEnvironmentVariable("ACTORBROKER_FAULT_SEED"), out var seed) ? seed : Seed,
    };
}
