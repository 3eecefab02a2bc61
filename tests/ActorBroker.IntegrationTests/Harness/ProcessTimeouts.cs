namespace ActorBroker.IntegrationTests.Harness;

/// <summary>
/// The bounds of the multi-process tests, in one place (tests dilate them by actorbroker.test.timefactor). They are
/// generous next to the quickstart timings (a dead node is downed within about 3 s) because node processes start
/// slowly on a loaded two-core machine.
/// </summary>
/// <param name="Cluster">A node process starting until it is Up, or the cluster's metadata reaching a state.</param>
/// <param name="Request">One metadata request.</param>
/// <param name="Produce">Producing all records, failover included.</param>
/// <param name="Consume">Consuming every acknowledged record.</param>
public sealed record ProcessTimeouts(TimeSpan Cluster, TimeSpan Request, TimeSpan Produce, TimeSpan Consume);
