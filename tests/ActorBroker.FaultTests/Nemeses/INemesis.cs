namespace ActorBroker.FaultTests.Nemeses;

/// <summary>
/// One kind of fault. <see cref="InjectAsync"/> breaks something and says what and for how long; the run waits that
/// long, then <see cref="HealAsync"/> undoes it (restart, SIGCONT, rules removed). Nodes the cluster downed meanwhile
/// are restarted by the run, not by the nemesis.
/// </summary>
public interface INemesis
{
    /// <summary>A short name for tables and test names, e.g. <c>kill</c>.</summary>
    string Kind { get; }

    /// <summary>Network faults need iptables and per-node cgroups.</summary>
    bool NeedsFirewall => false;

    Task<InjectedFault> InjectAsync(FaultContext context);

    Task HealAsync(FaultContext context);
}

/// <summary>What a nemesis did, and how long the run keeps it in force before healing.</summary>
public sealed record InjectedFault(string Description, TimeSpan Hold);
