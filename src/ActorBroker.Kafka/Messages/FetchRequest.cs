using ActorBroker.Kafka.Wire;

namespace ActorBroker.Kafka.Messages;

/// <summary>
/// Fetch (key 1) v4–v12, flexible from v12. v4 is the first with an isolation level and last stable offsets; v13+
/// names topics by id instead of name and is not served.
/// </summary>
/// <param name="ReplicaId">-1 for a consumer; <see cref="DebuggingConsumerId"/> for a read of any replica; a broker id for a follower.</param>
/// <param name="MaxBytes">The response's size limit (v3+); at least one batch is returned even if larger (KIP-74).</param>
/// <param name="IsolationLevel">0 read uncommitted, 1 read committed (v4+).</param>
/// <param name="SessionId">The incremental fetch session (v7+); 0 with epoch -1 is a full fetch without a session.</param>
/// <param name="ForgottenTopics">Partitions an incremental fetch drops from its session (v7+).</param>
/// <param name="RackId">The consumer's rack (v11+), for a preferred read replica.</param>
public sealed record FetchRequest(
    int ReplicaId,
    int MaxWaitMs,
    int MinBytes,
    int MaxBytes,
    sbyte IsolationLevel,
    int SessionId,
    int SessionEpoch,
    IReadOnlyList<FetchTopic> Topics,
    IReadOnlyList<FetchForgottenTopic> ForgottenTopics,
    string RackId)
{
    public static readonly ApiVersionRange Versions = new(ApiKey.Fetch, 4, 12, 12);

    /// <summary>Kafka's debugging consumer: the broker that receives the fetch answers from its own replica, leader or follower (what kafka-replica-verification sends).</summary>
    public const int DebuggingConsumerId = -2;

    public static FetchRequest Read(ref KafkaReader reader, short version)
    {
        var replicaId = reader.Int32();
        var maxWaitMs = reader.Int32();
        var minBytes = reader.Int32();
        var maxBytes = version >= 3 ? reader.Int32() : int.MaxValue;
        var isolationLevel = version >= 4 ? reader.Int8() : (sbyte)0;
        var sessionId = version >= 7 ? reader.Int32() : 0;
        var sessionEpoch = version >= 7 ? reader.Int32() : -1;

        var topics = new FetchTopic[reader.RequiredArrayLength(minElementBytes: 2)];
        for (var t = 0; t < topics.Length; t++)
        {
            var name = reader.String();
            var partitions = new FetchPartition[reader.RequiredArrayLength(minElementBytes: 16)];
            for (var p = 0; p < partitions.Length; p++)
            {
                var partition = reader.Int32();
                var currentLeaderEpoch = version >= 9 ? reader.Int32() : -1;
                var fetchOffset = reader.Int64();
                var lastFetchedEpoch = version >= 12 ? reader.Int32() : -1;
                var logStartOffset = version >= 5 ? reader.Int64() : -1;
                var partitionMaxBytes = reader.Int32();
                partitions[p] = new FetchPartition(partition, currentLeaderEpoch, fetchOffset, lastFetchedEpoch, logStartOffset, partitionMaxBytes);
                reader.TaggedFields();
            }

            topics[t] = new FetchTopic(name, partitions);
            reader.TaggedFields();
        }

        FetchForgottenTopic[] forgotten = [];
        if (version >= 7)
        {
            forgotten = new FetchForgottenTopic[reader.RequiredArrayLength(minElementBytes: 2)];
            for (var t = 0; t < forgotten.Length; t++)
            {
                forgotten[t] = new FetchForgottenTopic(reader.String(), reader.Int32Array());
                reader.TaggedFields();
            }
        }

        var rackId = version >= 11 ? reader.String() : "";
        reader.TaggedFields(); // v12: the cluster id (tag 0), which a consumer does not send and the broker need not check
        return new FetchRequest(replicaId, maxWaitMs, minBytes, maxBytes, isolationLevel, sessionId, sessionEpoch, topics, forgotten, rackId);
    }
}

public sealed record FetchTopic(string Topic, IReadOnlyList<FetchPartition> Partitions);

/// <param name="CurrentLeaderEpoch">The leader epoch the client knows (v9+), -1 if none: a stale one gets FENCED_LEADER_EPOCH.</param>
/// <param name="LastFetchedEpoch">The epoch of the last fetched record (v12+), -1 if none; followers use it to detect divergence.</param>
/// <param name="LogStartOffset">A follower's log start offset (v5+), -1 from consumers.</param>
public readonly record struct FetchPartition(
    int Partition,
    int CurrentLeaderEpoch,
    long FetchOffset,
    int LastFetchedEpoch,
    long LogStartOffset,
    int PartitionMaxBytes);

public sealed record FetchForgottenTopic(string Topic, IReadOnlyList<int> Partitions);
