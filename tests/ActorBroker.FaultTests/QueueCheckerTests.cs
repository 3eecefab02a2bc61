using ActorBroker.FaultTests.Checking;

namespace ActorBroker.FaultTests;

/// <summary>The checker's verdicts on small hand-made histories.</summary>
public sealed class QueueCheckerTests
{
    [Fact]
    public void A_history_where_every_acked_record_is_read_where_it_was_acked_is_safe()
    {
        var result = Check(sent: ["a:0", "a:1"], acks: [new("a:0", 0, 0), new("a:1", 0, 1)], reads: [new(0, 0, "a:0"), new(0, 1, "a:1")]);

        Assert.True(result.Safe);
        Assert.Empty(result.Duplicated);
        Assert.Empty(result.OrderInversions);
        Assert.Equal((2, 2, 2), (result.Sent, result.Acked, result.Read));
    }

    [Fact]
    public void An_acked_record_that_is_never_read_is_lost()
    {
        var result = Check(sent: ["a:0", "a:1"], acks: [new("a:0", 0, 0), new("a:1", 1, 0)], reads: [new(0, 0, "a:0")]);

        Assert.False(result.Safe);
        Assert.Equal([new Ack("a:1", 1, 0)], result.Lost);
    }

    [Fact]
    public void A_record_read_but_never_sent_is_unexpected()
    {
        var result = Check(sent: ["a:0"], acks: [new("a:0", 0, 0)], reads: [new(0, 0, "a:0"), new(0, 1, "b:7")]);

        Assert.False(result.Safe);
        Assert.Equal([new Read(0, 1, "b:7")], result.Unexpected);
    }

    [Fact]
    public void An_acked_record_read_at_another_offset_is_an_offset_mismatch_not_a_loss()
    {
        var result = Check(sent: ["a:0"], acks: [new("a:0", 0, 5)], reads: [new(0, 3, "a:0")]);

        Assert.Empty(result.Lost);
        Assert.Equal(["a:0 acked at 0@5, read at 0@3"], result.OffsetMismatches);
        Assert.False(result.Safe);
    }

    [Fact]
    public void An_acked_record_read_in_another_partition_is_an_offset_mismatch()
    {
        var result = Check(sent: ["a:0"], acks: [new("a:0", 0, 0)], reads: [new(2, 0, "a:0")]);

        Assert.Single(result.OffsetMismatches);
    }

    [Fact]
    public void A_record_read_twice_is_duplicated_and_still_safe_if_one_copy_is_where_it_was_acked()
    {
        var result = Check(sent: ["a:0"], acks: [new("a:0", 0, 1)], reads: [new(0, 0, "a:0"), new(0, 1, "a:0")]);

        Assert.Equal(["a:0 read 2 times: 0@0, 0@1"], result.Duplicated);
        Assert.True(result.Safe);
    }

    [Fact]
    public void A_failed_record_that_was_stored_anyway_is_counted_but_not_an_error()
    {
        var result = Check(sent: ["a:0"], acks: [], reads: [new(0, 0, "a:0")], failures: [new("a:0", "RequestTimedOut")]);

        Assert.True(result.Safe);
        Assert.Equal(1, result.FailedButRead);
        Assert.Equal(1, result.Failed);
    }

    [Fact]
    public void A_producers_later_record_before_an_earlier_one_in_a_partition_is_an_order_inversion()
    {
        var reads = new List<Read> { new(0, 0, "a:0"), new(0, 1, "a:2"), new(0, 2, "a:1"), new(0, 3, "a:3") };

        var inversions = QueueChecker.OrderInversions(reads);

        Assert.Equal(["partition 0: a:1 at offset 2 after a:2 at offset 1"], inversions);
    }

    [Fact]
    public void Order_is_per_producer_and_per_partition_and_reads_are_taken_in_offset_order()
    {
        // b's records interleave with a's, and partition 1 starts over: no inversion. Reads arrive out of offset order.
        var reads = new List<Read> { new(0, 1, "b:0"), new(0, 0, "a:5"), new(0, 2, "a:6"), new(0, 3, "b:1"), new(1, 0, "a:1") };

        Assert.Empty(QueueChecker.OrderInversions(reads));
    }

    [Fact]
    public void A_duplicate_copy_of_an_earlier_record_is_not_an_order_inversion()
    {
        var reads = new List<Read> { new(0, 0, "a:0"), new(0, 1, "a:1"), new(0, 2, "a:0"), new(0, 3, "a:2") };

        Assert.Empty(QueueChecker.OrderInversions(reads));
    }

    [Fact]
    public void Replicas_that_differ_are_carried_into_the_result_and_the_report()
    {
        const string problem = "partition 1: offsets 0..40: differ at offset 12: ...";
        var result = QueueChecker.Check(new History([], [], [], []), [problem]);

        Assert.Equal([problem], result.ReplicasDiffer);
        Assert.Contains($"replicas that differ           1  {problem}", ReportTable.Format(result, [], TimeSpan.FromSeconds(30)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("w1:42", "w1", 42L)]
    [InlineData("probe:p:0", "probe:p", 0L)]
    public void A_workload_value_parses_into_its_producer_and_sequence(string text, string producer, long sequence)
    {
        Assert.Equal(new RecordValue(producer, sequence), RecordValue.TryParse(text));
        Assert.Equal(text, new RecordValue(producer, sequence).ToString());
    }

    [Theory]
    [InlineData("no-sequence")]
    [InlineData("w1:")]
    [InlineData(":5")]
    [InlineData("w1:-3")]
    public void A_value_the_workload_never_writes_does_not_parse(string text) => Assert.Null(RecordValue.TryParse(text));

    [Fact]
    public void The_report_lists_each_finding_and_each_faults_recovery()
    {
        var result = Check(sent: ["a:0", "a:1"], acks: [new("a:0", 0, 0), new("a:1", 0, 1)], reads: [new(0, 0, "a:0")]);
        var faults = new List<FaultOutcome>
        {
            new(1, "kill", "SIGKILL node 2", TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(4)),
            new(2, "pause-long", "SIGSTOP node 3", TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(26), null, null),
        };

        var table = ReportTable.Format(result, faults, TimeSpan.FromSeconds(30));

        Assert.Contains("lost (acked, never read)       1  a:1 at 0@1", table);
        Assert.Matches(@"(?m)^\s+1\s+kill\s+5\.0 s\s+8\.0 s\s+2\.5 s\s+4\.0 s\s+SIGKILL node 2\r?$", table);
        Assert.Matches(@"(?m)^\s+2\s+pause-long\s+20\.0 s\s+26\.0 s\s+never\s+never\s+SIGSTOP node 3\r?$", table);
        Assert.Contains("recovery: 1 of 2 faults recovered; min 2.5 s, median 2.5 s, p90 2.5 s, max 2.5 s; 1 missed the 30 s deadline", table);
    }

    private static CheckResult Check(string[] sent, Ack[] acks, Read[] reads, Failure[]? failures = null) =>
        QueueChecker.Check(new History(sent, acks, failures ?? [], reads), []);
}
