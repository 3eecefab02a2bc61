namespace ActorBroker.Cluster;

/// <summary>How two vector clocks relate: one happened before the other, they are equal, or neither.</summary>
public enum VectorClockOrdering
{
    Same,
    Before,
    After,
    Concurrent,
}
