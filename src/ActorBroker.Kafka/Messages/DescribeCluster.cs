using ActorBroker.Kafka.Wire;

namespace ActorBroker.Kafka.Messages;

/// <summary>DescribeCluster (key 60) v0–v1, flexible in every version: the cluster id, controller and live brokers.</summary>
/// <param name="EndpointType">v1+: 1 brokers, 2 controllers; a broker answers only for 1.</param>
public sealed record DescribeClusterRequest(bool IncludeClusterAuthorizedOperations, sbyte EndpointType = DescribeClusterRequest.BrokerEndpoints)
{
    public const sbyte BrokerEndpoints = 1;

    public static readonly ApiVersionRange Versions = new(ApiKey.DescribeCluster, 0, 1, 0);

    public static DescribeClusterRequest Read(ref KafkaReader reader, short version)
    {
        var includeOperations = reader.Boolean();
        var endpointType = version >= 1 ? reader.Int8() : BrokerEndpoints;
        reader.TaggedFields();
        return new DescribeClusterRequest(includeOperations, endpointType);
    }
}

/// <param name="ControllerId">-1 if unknown.</param>
/// <param name="ClusterAuthorizedOperations">A bit field of ACL operations, <see cref="int.MinValue"/> when not asked for.</param>
/// <param name="EndpointType">v1+: echoes the request's.</param>
public sealed record DescribeClusterResponse(
    short ErrorCode,
    string? ErrorMessage,
    string ClusterId,
    int ControllerId,
    IReadOnlyList<DescribeClusterBroker> Brokers,
    int ClusterAuthorizedOperations = int.MinValue,
    sbyte EndpointType = DescribeClusterRequest.BrokerEndpoints,
    int ThrottleTimeMs = 0) : IKafkaResponse
{
    public void Write(KafkaWriter writer, short version)
    {
        writer.Int32(ThrottleTimeMs);
        writer.Int16(ErrorCode);
        writer.NullableString(ErrorMessage);
        if (version >= 1) writer.Int8(EndpointType);
        writer.String(ClusterId);
        writer.Int32(ControllerId);
        writer.ArrayLength(Brokers.Count);
        foreach (var broker in Brokers)
        {
            writer.Int32(broker.BrokerId);
            writer.String(broker.Host);
            writer.Int32(broker.Port);
            writer.NullableString(broker.Rack);
            writer.TaggedFields();
        }

        writer.Int32(ClusterAuthorizedOperations);
        writer.TaggedFields();
    }
}

public sealed record DescribeClusterBroker(int BrokerId, string Host, int Port, string? Rack);
