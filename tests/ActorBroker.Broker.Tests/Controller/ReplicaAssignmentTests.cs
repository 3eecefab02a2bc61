using ActorBroker.Broker.Controller;

namespace ActorBroker.Broker.Tests.Controller;

public sealed class ReplicaAssignmentTests
{
    private static readonly string[] FiveBrokers = ["b0", "b1", "b2", "b3", "b4"];

    [Fact]
    public void Matches_the_example_in_kafkas_assignment_documentation()
    {
        // From Kafka's AdminUtils: 5 brokers, 10 partitions, 3 replicas, start index 0, no shift.
        var assignment = ReplicaAssignment.Assign(FiveBrokers, 10, 3, startIndex: 0, replicaShift: 0);

        Assert.Equal(["b0", "b1", "b2"], assignment[0]);
        Assert.Equal(["b4", "b0", "b1"], assignment[4]);
        Assert.Equal(["b0", "b2", "b3"], assignment[5]);
        Assert.Equal(["b4", "b1", "b2"], assignment[9]);
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(3, 7, 2)]
    [InlineData(3, 6, 3)]
    [InlineData(5, 23, 3)]
    [InlineData(4, 4, 4)]
    public void Replicas_are_distinct_nodes_and_leaders_are_balanced(int brokerCount, int partitions, int replicationFactor)
    {
        var brokers = Enumerable.Range(0, brokerCount).Select(i => $"n{i}").ToList();
        for (var start = 0; start < brokerCount; start++)
        {
            var assignment = ReplicaAssignment.Assign(brokers, partitions, replicationFactor, start, (start + 1) % brokerCount);

            Assert.Equal(partitions, assignment.Count);
            Assert.All(assignment, replicas => Assert.Equal(replicationFactor, replicas.Distinct().Count()));
            var leaders = assignment.GroupBy(r => r[0]).Select(g => g.Count()).ToList();
            Assert.True(leaders.Max() - (leaders.Count < brokerCount ? 0 : leaders.Min()) <= 1, $"leaders per node: {string.Join(", ", leaders)}");
        }
    }

    [Fact]
    public void Added_partitions_continue_the_round_robin_of_the_existing_ones()
    {
        var brokers = new[] { "a", "b", "c" };
        var first = ReplicaAssignment.Assign(brokers, 2, 2, startIndex: 1, replicaShift: 0);
        var start = ReplicaAssignment.StartIndexFor(brokers, first[0][0]);

        var added = ReplicaAssignment.Assign(brokers, 4, 2, start, start, firstPartition: 2);

        Assert.Equal(1, start);
        var leaders = first.Concat(added).Select(r => r[0]).ToList();
        Assert.Equal(["b", "c", "a", "b", "c", "a"], leaders);
        Assert.All(added, r => Assert.Equal(2, r.Distinct().Count()));
    }

    [Fact]
    public void A_replication_factor_above_the_broker_count_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ReplicaAssignment.Assign(["a", "b"], 1, 3, 0, 0));
    }
}
