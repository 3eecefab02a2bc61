using ActorBroker.Actors;
using ActorBroker.Cluster.Singleton;
using Microsoft.Extensions.Logging;

namespace ActorBroker.Cluster.Status;

/// <summary>
/// Answers <see cref="GetPlacementStatus"/> at <c>/system/cluster-placement</c> by asking the local singleton
/// managers and the sharded types' coordinators. A source that does not answer in time is left out and logged,
/// so one slow coordinator never hides the rest.
/// </summary>
internal sealed class PlacementReporter : ReceiveActor
{
    private static readonly TimeSpan SourceTimeout = TimeSpan.FromSeconds(2);
    private readonly PlacementSources _sources;
    private readonly ILogger _log;

    public PlacementReporter(PlacementSources sources, ILogger log)
    {
        _sources = sources;
        _log = log;
        ReceiveAsync<GetPlacementStatus>(async _ =>
        {
            var replyTo = Sender;
            replyTo.Tell(await CollectAsync().ConfigureAwait(false), Self);
        });
    }

    private async Task<PlacementStatus> CollectAsync()
    {
        var singletons = await Task.WhenAll(_sources.SingletonManagers.Select(m => SingletonAsync(m.Key, m.Value))).ConfigureAwait(false);
        var shards = await Task.WhenAll(_sources.ShardedTypes.Select(t => ShardsAsync(t.Key, t.Value))).ConfigureAwait(false);
        return new PlacementStatus(
            [.. singletons.OfType<SingletonPlacement>().OrderBy(s => s.ManagerPath, StringComparer.Ordinal)],
            [.. shards.SelectMany(s => s).OrderBy(s => s.TypeName, StringComparer.Ordinal).ThenBy(s => s.Node, StringComparer.Ordinal)]);
    }

    private async Task<SingletonPlacement?> SingletonAsync(IActorRef manager, string? role)
    {
        try
        {
            var status = await manager.Ask<SingletonStatus>(GetSingletonStatus.Instance, SourceTimeout).ConfigureAwait(false);
            return new SingletonPlacement(status.ManagerPath, role, status.Phase, status.Oldest?.ToString());
        }
        catch (AskTimeoutException e)
        {
            _log.LogWarning("Singleton manager {Manager} did not report its status: {Reason}", manager.Path, e.Message);
            return null;
        }
    }

    private async Task<IReadOnlyList<ShardPlacement>> ShardsAsync(string typeName, Func<TimeSpan, Task<IReadOnlyList<ShardPlacement>>> query)
    {
        try
        {
            return await query(SourceTimeout).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AskTimeoutException or InvalidOperationException)
        {
            _log.LogWarning("The shard coordinator of {TypeName} did not report its placement: {Reason}", typeName, e.Message);
            return [];
        }
    }
}
