using ActorBroker.Client.Settings;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using Akka.Actor;
using Akka.Configuration;

namespace ActorBroker.Client;

/// <summary>
/// Topic administration and cluster metadata for applications (Kafka's AdminClient). Requests go to any node's front
/// actor, which forwards admin requests to the controller. Retriable errors (NotController, RequestTimedOut, no
/// answer within request.timeout...) are retried after retry.backoff until default.api.timeout; other errors throw
/// a <see cref="BrokerException"/> with their code (TopicAlreadyExists, InvalidTopic, ...).
/// </summary>
public sealed partial class AdminClient : IAsyncDisposable
{
    private readonly ClientConnection _connection;
    private readonly bool _ownsConnection;
    private readonly ClientSettings _settings;

    /// <summary>An admin client on <paramref name="connection"/>; the connection stays the caller's.</summary>
    public AdminClient(ClientConnection connection) : this(connection, ownsConnection: false)
    {
    }

    /// <summary>An admin client with a connection (and actor system) of its own.</summary>
    public AdminClient(ClientSettings settings) : this(ClientConnection.Create(settings), ownsConnection: true)
    {
    }

    private AdminClient(ClientConnection connection, bool ownsConnection)
    {
        _connection = connection;
        _ownsConnection = ownsConnection;
        _settings = connection.Settings;
    }

    /// <summary>An admin client with its own connection, configured by <c>actorbroker.client</c> in <paramref name="config"/> (HOCON).</summary>
    public static AdminClient Create(Config config) => new(ClientConnection.Create(config), ownsConnection: true);

    public Task CreateTopicAsync(string name, int partitions, short replicationFactor, IReadOnlyDictionary<string, string>? configs = null,
        CancellationToken cancellationToken = default) =>
        AdminAsync(id => new CreateTopicRequest(name, partitions, replicationFactor, configs ?? new Dictionary<string, string>(), id), $"create topic '{name}'", cancellationToken);

    public Task DeleteTopicAsync(string name, CancellationToken cancellationToken = default) =>
        AdminAsync(id => new DeleteTopicRequest(name, id), $"delete topic '{name}'", cancellationToken);

    /// <summary>Grows the topic to <paramref name="totalCount"/> partitions (partitions are never removed).</summary>
    public Task CreatePartitionsAsync(string name, int totalCount, CancellationToken cancellationToken = default) =>
        AdminAsync(id => new CreatePartitionsRequest(name, totalCount, id), $"grow topic '{name}' to {totalCount} partitions", cancellationToken);

    /// <summary>
    /// Moves partition <paramref name="partition"/> of <paramref name="topic"/> to <paramref name="replicas"/> (node ids, as
    /// many as it has replicas, the first the preferred leader). Returns once the move started: the new replicas then
    /// catch up and join the ISR, and the old ones are dropped; <see cref="DescribeTopicsAsync"/> shows the progress.
    /// One move per partition at a time: another one running fails with ReassignmentInProgress.
    /// </summary>
    public Task ReassignPartitionAsync(string topic, int partition, IReadOnlyList<string> replicas, CancellationToken cancellationToken = default) =>
        AdminAsync(id => new AlterPartitionReassignmentsRequest(topic, partition, replicas, id),
            $"reassign partition {partition} of topic '{topic}' to [{string.Join(", ", replicas)}]", cancellationToken);

    /// <summary>The names of the topics that exist, in order.</summary>
    public async Task<IReadOnlyList<string>> ListTopicsAsync(CancellationToken cancellationToken = default)
    {
        var metadata = await DescribeClusterAsync(cancellationToken).ConfigureAwait(false);
        return [.. metadata.Topics.Where(t => t.Error == ErrorCode.None).Select(t => t.Name).Order(StringComparer.Ordinal)];
    }

    /// <summary>Partitions, leaders, replicas, in-sync replicas and config overrides of the named topics; a missing topic throws UnknownTopicOrPartition.</summary>
    public async Task<IReadOnlyList<TopicMetadata>> DescribeTopicsAsync(IEnumerable<string> names, CancellationToken cancellationToken = default)
    {
        var wanted = names.ToList();
        var metadata = await MetadataAsync(wanted, cancellationToken).ConfigureAwait(false);
        foreach (var topic in metadata.Topics)
            if (topic.Error is not ErrorCode.None and not ErrorCode.LeaderNotAvailable)
                throw new BrokerException(topic.Error, $"topic '{topic.Name}': {topic.Error}");
        return metadata.Topics;
    }

    /// <summary>The nodes and every topic, as a node's metadata cache knows them.</summary>
    public Task<MetadataResponse> DescribeClusterAsync(CancellationToken cancellationToken = default) => MetadataAsync(null, cancellationToken);

    /// <summary>
    /// How a node sees the cluster's membership (members, reachability, leader), where the controller runs and how
    /// many partition shards each node hosts: what <c>actorbroker cluster status</c> prints.
    /// </summary>
    public Task<DescribeClusterResponse> DescribeMembershipAsync(CancellationToken cancellationToken = default) =>
        RequestAsync<DescribeClusterResponse>(id => new DescribeClusterRequest(id), _ => ErrorCode.None, "describe the cluster's membership", cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_ownsConnection) await _connection.DisposeAsync().ConfigureAwait(false);
    }

    private Task<MetadataResponse> MetadataAsync(IReadOnlyList<string>? topics, CancellationToken cancellationToken) =>
        RequestAsync<MetadataResponse>(id => new MetadataRequest(topics, id), _ => ErrorCode.None, "describe the cluster", cancellationToken);

    private async Task AdminAsync(Func<long, object> request, string what, CancellationToken cancellationToken) =>
        await RequestAsync<TopicAdminResponse>(request, r => r.Error, what, cancellationToken).ConfigureAwait(false);

    private Task<T> RequestAsync<T>(Func<long, object> request, Func<T, ErrorCode> errorOf, string what, CancellationToken cancellationToken) =>
        RetryingAsk.AskAsync(_connection.Entry, _settings, request, errorOf, what, cancellationToken);
}
