using ActorBroker.Client.Settings;
using ActorBroker.Client.Tests.Support;
using ActorBroker.Client.Verification;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using Akka.Actor;
using Xunit.Abstractions;

namespace ActorBroker.Client.Tests.Verification;

/// <summary>
/// Replicas stood in for by fake node fronts, each with its own log and high watermark, answering debugging reads two
/// batches at a time (so the comparison pages through the logs as it would through large ones).
/// </summary>
public sealed class ReplicaComparerTests(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit("akka.loglevel = WARNING", output)
{
    private static readonly TopicPartition Partition = new("t", 0);

    private static readonly ClientSettings Settings = ClientSettings.Default with
    {
        AdminRequestTimeout = TimeSpan.FromSeconds(2),
        AdminRetryBackoff = TimeSpan.FromMilliseconds(20),
        DefaultApiTimeout = TimeSpan.FromSeconds(1),
    };

    /// <summary>A log of <paramref name="batches"/> batches of three records "v{offset}"; <paramref name="change"/> may rewrite one value.</summary>
    private static PartitionLogs LogOf(int batches, Func<long, string>? change = null)
    {
        var logs = new PartitionLogs();
        for (var b = 0; b < batches; b++)
            logs.Append(Partition, [.. Enumerable.Range(b * 3, 3).Select(o => ((string?)"k", (string?)(change?.Invoke(o) ?? $"v{o}"), 1_000L + o))]);
        return logs;
    }

    private ReplicaReader Replica(string node, PartitionLogs log, long? highWatermark = null) =>
        new(node, Sys.ActorOf(Props.Create(() => new FakeReplicaFront(log, highWatermark))), Partition, Settings);

    private static Task<PartitionReplicaComparison> CompareAsync(params ReplicaReader[] replicas) =>
        ReplicaComparer.CompareAsync(0, replicas, CancellationToken.None);

    [Fact]
    public async Task Replicas_with_the_same_batches_are_identical_over_the_whole_log()
    {
        var result = await CompareAsync(Replica("a", LogOf(7)), Replica("b", LogOf(7)), Replica("c", LogOf(7)));

        Assert.True(result.Identical, result.ToString());
        Assert.Equal((0L, 21L), (result.From, result.To));
        Assert.All(result.Replicas, r => Assert.Equal((0L, 21L, null), (r.LogStartOffset, r.HighWatermark, r.Error)));
    }

    [Fact]
    public async Task A_replica_with_another_value_at_one_offset_differs_there()
    {
        var result = await CompareAsync(Replica("a", LogOf(7)), Replica("b", LogOf(7)), Replica("c", LogOf(7, o => o == 10 ? "other" : $"v{o}")));

        Assert.False(result.Identical);
        Assert.StartsWith("differ at offset 9: a has batch 9..11", result.Difference, StringComparison.Ordinal);
        Assert.Contains(", c has batch 9..11", result.Difference, StringComparison.Ordinal);
        Assert.Equal(9, result.To);
    }

    [Fact]
    public async Task A_replica_whose_batches_end_elsewhere_differs_at_the_first_boundary_that_moved()
    {
        var split = LogOf(2);
        for (var first = 6; first < 21; first += 5) // the same records from offset 6 on, in batches of five, not three
            split.Append(Partition, [.. Enumerable.Range(first, 5).Select(o => ((string?)"k", (string?)$"v{o}", 1_000L + o))]);

        var result = await CompareAsync(Replica("a", LogOf(7)), Replica("b", split));

        Assert.StartsWith("differ at offset 6: a has batch 6..8", result.Difference, StringComparison.Ordinal);
        Assert.Contains("b has batch 6..10", result.Difference, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_follower_behind_ends_the_comparison_at_its_high_watermark_and_the_partition_is_not_identical()
    {
        var result = await CompareAsync(Replica("a", LogOf(7)), Replica("b", LogOf(7), highWatermark: 12));

        Assert.Null(result.Difference);
        Assert.Equal(12, result.To);
        Assert.False(result.Identical);
        Assert.Contains("the high watermarks differ", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_comparison_starts_at_the_newest_log_start_when_retention_has_run_on_one_replica()
    {
        var trimmed = LogOf(7);
        trimmed.DeleteBefore(Partition, 6);

        var result = await CompareAsync(Replica("a", LogOf(7)), Replica("b", trimmed));

        Assert.True(result.Identical, result.ToString());
        Assert.Equal((6L, 21L), (result.From, result.To));
    }

    [Fact]
    public async Task A_replica_on_a_node_missing_from_the_metadata_or_refusing_is_reported_unreadable()
    {
        var missing = new ReplicaReader("gone", null, Partition, Settings);
        var refusing = new ReplicaReader("refusing", Sys.ActorOf(Props.Create(() => new FakeReplicaFront(null, null))), Partition, Settings);

        var result = await CompareAsync(Replica("a", LogOf(2)), missing, refusing);

        Assert.False(result.Identical);
        Assert.Equal((0L, 6L), (result.From, result.To));
        Assert.Contains("not in the metadata", result.Replicas[1].Error, StringComparison.Ordinal);
        Assert.Contains("NotLeaderOrFollower", result.Replicas[2].Error, StringComparison.Ordinal);
    }

    /// <summary>A node front whose replica holds <c>log</c> (none: it refuses) and answers debugging reads up to its high watermark.</summary>
    private sealed class FakeReplicaFront : ReceiveActor
    {
        public FakeReplicaFront(PartitionLogs? log, long? highWatermark) => Receive<FetchRequest>(request =>
        {
            Assert.Equal(FetchRequest.DebugReplicaId, request.ReplicaId);
            if (log is null)
            {
                Sender.Tell(FetchResponse.Failed(Partition, ErrorCode.NotLeaderOrFollower, "this node holds no replica", request.CorrelationId));
                return;
            }

            var (logStart, end) = log.Bounds(Partition);
            var watermark = highWatermark ?? end;
            if (request.FetchOffset < logStart || request.FetchOffset > watermark)
            {
                Sender.Tell(new FetchResponse(Partition, ErrorCode.OffsetOutOfRange, watermark, logStart, [], "out of range", request.CorrelationId));
                return;
            }

            var batches = log.Read(Partition, request.FetchOffset, request.MaxBytes).Where(b => b.NextOffset <= watermark).Take(2).ToList();
            Sender.Tell(new FetchResponse(Partition, ErrorCode.None, watermark, logStart, batches, null, request.CorrelationId));
        });
    }
}
