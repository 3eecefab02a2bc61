using ActorBroker.Journal.Tests.Support;
using Akka.Actor;
using Akka.Persistence;
using Akka.TestKit;
using Xunit.Abstractions;

namespace ActorBroker.Journal.Tests;

/// <summary>The cases of Akka.Persistence.TCK's SnapshotStoreSpec, on the SQLite snapshot store.</summary>
public sealed class SqliteSnapshotStoreSpec : JournalTestKit
{
    private const string Pid = "partition-0";
    private readonly TestProbe _probe;
    private readonly List<SnapshotMetadata> _saved = [];

    public SqliteSnapshotStoreSpec(ITestOutputHelper output)
        : base(output)
    {
        // Five snapshots, at sequence numbers 11..15, payloads s-1..s-5.
        _probe = CreateTestProbe();
        for (var i = 1; i <= 5; i++)
        {
            SnapshotStore.Tell(new SaveSnapshot(new SnapshotMetadata(Pid, i + 10, Sys.Scheduler.Now.UtcDateTime), $"s-{i}"), _probe.Ref);
            _saved.Add(_probe.ExpectMsg<SaveSnapshotSuccess>().Metadata);
        }
    }

    [Fact]
    public void Snapshot_store_loads_nothing_for_an_unknown_persistence_id()
    {
        Assert.Null(Load("partition-unknown", SnapshotSelectionCriteria.Latest));
    }

    [Fact]
    public void Snapshot_store_loads_nothing_when_no_snapshot_matches_the_criteria()
    {
        Assert.Null(Load(Pid, new SnapshotSelectionCriteria(long.MaxValue, new DateTime(100_000))));
        Assert.Null(Load(Pid, new SnapshotSelectionCriteria(7)));
        Assert.Null(Load(Pid, SnapshotSelectionCriteria.Latest, toSequenceNr: 7));
    }

    [Fact]
    public void Snapshot_store_loads_the_youngest_snapshot()
    {
        var loaded = Load(Pid, SnapshotSelectionCriteria.Latest);

        Assert.Equal(_saved[4], loaded?.Metadata);
        Assert.Equal("s-5", loaded?.Snapshot);
    }

    [Fact]
    public void Snapshot_store_loads_the_youngest_snapshot_within_sequence_number_and_timestamp_bounds()
    {
        Assert.Equal("s-3", Load(Pid, new SnapshotSelectionCriteria(13))?.Snapshot);
        Assert.Equal("s-3", Load(Pid, SnapshotSelectionCriteria.Latest, toSequenceNr: 13)?.Snapshot);
        Assert.Equal(_saved[2], Load(Pid, new SnapshotSelectionCriteria(long.MaxValue, _saved[2].Timestamp), toSequenceNr: 13)?.Metadata);
        Assert.Equal("s-2", Load(Pid, new SnapshotSelectionCriteria(12, DateTime.MaxValue, minSequenceNr: 12))?.Snapshot);
        Assert.Null(Load(Pid, new SnapshotSelectionCriteria(long.MaxValue, DateTime.MaxValue, minSequenceNr: 16)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Snapshot_store_deletes_the_one_snapshot_its_metadata_names(bool timestampUnknown)
    {
        var md = _saved[2];
        var timestamp = timestampUnknown ? DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc) : md.Timestamp;

        SnapshotStore.Tell(new DeleteSnapshot(new SnapshotMetadata(Pid, md.SequenceNr, timestamp)), _probe.Ref);
        _probe.ExpectMsg<DeleteSnapshotSuccess>();

        Assert.Equal(_saved[1], Load(Pid, new SnapshotSelectionCriteria(md.SequenceNr))?.Metadata);
        Assert.Equal(_saved[4], Load(Pid, SnapshotSelectionCriteria.Latest)?.Metadata);
    }

    [Fact]
    public void Snapshot_store_keeps_a_snapshot_younger_than_the_timestamp_a_delete_names()
    {
        var md = _saved[2];

        SnapshotStore.Tell(new DeleteSnapshot(new SnapshotMetadata(Pid, md.SequenceNr, md.Timestamp - TimeSpan.FromSeconds(2))), _probe.Ref);
        _probe.ExpectMsg<DeleteSnapshotSuccess>();

        Assert.Equal(md, Load(Pid, new SnapshotSelectionCriteria(md.SequenceNr))?.Metadata);
    }

    [Fact]
    public void Snapshot_store_deletes_every_snapshot_matching_the_criteria_and_keeps_the_rest()
    {
        var md = _saved[2];

        SnapshotStore.Tell(new DeleteSnapshots(Pid, new SnapshotSelectionCriteria(md.SequenceNr, md.Timestamp)), _probe.Ref);
        _probe.ExpectMsg<DeleteSnapshotsSuccess>();

        Assert.Null(Load(Pid, new SnapshotSelectionCriteria(md.SequenceNr, md.Timestamp)));
        Assert.Equal(_saved[3], Load(Pid, new SnapshotSelectionCriteria(_saved[3].SequenceNr, _saved[3].Timestamp))?.Metadata);
    }

    [Fact]
    public void Snapshot_store_keeps_snapshots_younger_than_the_upper_timestamp_bound_of_a_delete()
    {
        var md = _saved[3];

        SnapshotStore.Tell(new DeleteSnapshots(Pid, new SnapshotSelectionCriteria(md.SequenceNr, md.Timestamp.AddTicks(-1))), _probe.Ref);
        _probe.ExpectMsg<DeleteSnapshotsSuccess>();

        Assert.Equal(md, Load(Pid, new SnapshotSelectionCriteria(md.SequenceNr, md.Timestamp))?.Metadata);
    }

    [Fact]
    public void Snapshot_store_replaces_a_snapshot_saved_again_at_the_same_sequence_number()
    {
        var md = _saved[4];

        SnapshotStore.Tell(new SaveSnapshot(md, "s-5-again"), _probe.Ref);
        _probe.ExpectMsg<SaveSnapshotSuccess>();

        Assert.Equal("s-5-again", Load(Pid, SnapshotSelectionCriteria.Latest)?.Snapshot);
    }

    [Fact]
    public void Snapshot_store_round_trips_a_large_binary_snapshot_through_its_serializer()
    {
        var bytes = new byte[1024 * 1024];
        new Random(7).NextBytes(bytes);
        var snapshot = new RecordBatch(BaseOffset: 99, bytes);

        SnapshotStore.Tell(new SaveSnapshot(new SnapshotMetadata("partition-1", 100, DateTime.UtcNow), snapshot), _probe.Ref);
        _probe.ExpectMsg<SaveSnapshotSuccess>();

        Assert.Equal(snapshot, Load("partition-1", SnapshotSelectionCriteria.Latest)?.Snapshot);
    }

    private SelectedSnapshot? Load(string persistenceId, SnapshotSelectionCriteria criteria, long toSequenceNr = long.MaxValue)
    {
        SnapshotStore.Tell(new LoadSnapshot(persistenceId, criteria, toSequenceNr), _probe.Ref);
        var result = _probe.ExpectMsg<LoadSnapshotResult>();
        Assert.Equal(toSequenceNr, result.ToSequenceNr);
        return result.Snapshot;
    }
}
