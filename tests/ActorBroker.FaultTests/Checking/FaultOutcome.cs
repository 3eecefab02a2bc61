namespace ActorBroker.FaultTests.Checking;

/// <summary>
/// One fault cycle: what was done, when (since the run started), and how long after the heal the cluster served a
/// produce and a consume on every partition again (<see cref="Recovery"/>, null if never within the deadline) and
/// had every node back in every partition's ISR (<see cref="Whole"/>).
/// </summary>
public sealed record FaultOutcome(int Cycle, string Kind, string Description, TimeSpan Injected, TimeSpan Healed, TimeSpan? Recovery, TimeSpan? Whole,
    string Notes = "");
