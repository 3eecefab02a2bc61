using ActorBroker.Actors;
using ActorBroker.Persistence;

namespace ActorBroker.Cluster.Sharding;

/// <summary>
/// The ids of the entities one shard runs, event-sourced (persistence id <c>/sharding/{typeName}Shard/{shardId}</c>)
/// so that the shard, wherever it starts next, restarts them. A child of the shard; tells it the remembered ids
/// once recovered. Needs a journal that every node can read for entities to come back on another node.
/// </summary>
internal sealed class RememberEntitiesStore : ReceivePersistentActor
{
    private readonly HashSet<string> _entityIds = [];

    public RememberEntitiesStore(string typeName, string shardId)
    {
        PersistenceId = $"/sharding/{typeName}Shard/{shardId}";
        Recover<EntityStarted>(e => _entityIds.Add(e.EntityId));
        Recover<EntityStopped>(e => _entityIds.Remove(e.EntityId));
        Recover<RecoveryCompleted>(_ => Context.Parent.Tell(new RememberedEntities([.. _entityIds]), Self));
        Command<AddEntity>(add =>
        {
            if (!_entityIds.Contains(add.EntityId)) Persist(new EntityStarted(add.EntityId), e => _entityIds.Add(e.EntityId));
        });
        Command<RemoveEntity>(remove =>
        {
            if (_entityIds.Contains(remove.EntityId)) Persist(new EntityStopped(remove.EntityId), e => _entityIds.Remove(e.EntityId));
        });
    }

    public override string PersistenceId { get; }

    public static Props Props(string typeName, string shardId) => Actors.Props.Create(() => new RememberEntitiesStore(typeName, shardId));

    internal sealed record AddEntity(string EntityId);

    internal sealed record RemoveEntity(string EntityId);

    internal sealed record RememberedEntities(IReadOnlyCollection<string> EntityIds);

    /// <summary>Journal events (JSON): persisted contracts, add fields only.</summary>
    internal sealed record EntityStarted(string EntityId);

    internal sealed record EntityStopped(string EntityId);
}
