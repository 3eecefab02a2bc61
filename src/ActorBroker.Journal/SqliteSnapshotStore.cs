using ActorBroker.Journal.Settings;
using ActorBroker.Journal.Sqlite;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Snapshot;
using AkkaSerialization = Akka.Serialization.Serialization;

namespace ActorBroker.Journal;

/// <summary>
/// Akka.Persistence snapshot store in a node-local SQLite file next to the journal's (<c>snapshots.db</c> by default).
/// A sibling file rather than a table in the journal's: SQLite has one writer per file, so a snapshot of megabytes
/// would otherwise hold up every journal commit queued behind it, and its pages would pass through the journal's WAL.
/// </summary>
/// <remarks>Configured under <c>actorbroker.persistence.snapshot-store.sqlite</c>; see the embedded <c>reference.conf</c>.</remarks>
public sealed class SqliteSnapshotStore : SnapshotStore
{
    private readonly SqliteDatabase _database;
    private readonly SnapshotTable _table;
    private readonly ExtendedActorSystem _system;

    public SqliteSnapshotStore(Config config)
    {
        var settings = SqliteSnapshotStoreSettings.Create(config, Self.Path.Name);
        _system = (ExtendedActorSystem)Context.System;
        _database = new SqliteDatabase(settings.File);
        _table = new SnapshotTable(_database);
        _table.CreateIfMissing();
    }

    // Microsoft.Data.Sqlite's async methods run synchronously: the work goes to the thread pool instead of this actor's thread.
    protected override Task<SelectedSnapshot?> LoadAsync(
        string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken) =>
        Task.Run(
            () => _table.LoadYoungest(persistenceId, criteria) is { } row
                ? new SelectedSnapshot(row.Metadata, _system.Serialization.Deserialize(row.Payload, row.SerializerId, row.SerializerManifest))
                : null,
            cancellationToken);

    protected override Task SaveAsync(SnapshotMetadata metadata, object snapshot, CancellationToken cancellationToken)
    {
        var serializer = _system.Serialization.FindSerializerFor(snapshot);
        var bytes = AkkaSerialization.WithTransport(_system, (serializer, snapshot), s => s.serializer.ToBinary(s.snapshot));
        var row = new SnapshotTable.Row(metadata, serializer.Identifier, AkkaSerialization.ManifestFor(serializer, snapshot), bytes);
        return Task.Run(() => _table.Save(row), cancellationToken);
    }

    protected override Task DeleteAsync(SnapshotMetadata metadata, CancellationToken cancellationToken) =>
        Task.Run(() => _table.Delete(metadata), cancellationToken);

    protected override Task DeleteAsync(
        string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken) =>
        Task.Run(() => _table.Delete(persistenceId, criteria), cancellationToken);

    protected override void PostStop()
    {
        _database.ClearPool();
        base.PostStop();
    }
}
