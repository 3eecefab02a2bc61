using ActorBroker.Broker.Controller;

namespace ActorBroker.Broker.Tests.Controller;

/// <summary>Partition assignments as text: records compare their lists by reference, and a string shows which field is wrong.</summary>
internal static class Assignments
{
    /// <summary>"replicas|leader|leader epoch|isr|partition epoch", "-" for no leader, "unchanged" for null.</summary>
    public static string Show(PartitionAssignment? a) =>
        a is null ? "unchanged" : $"{string.Join(",", a.Replicas)}|{a.Leader ?? "-"}|{a.LeaderEpoch}|{string.Join(",", a.Isr)}|{a.PartitionEpoch}";
}
