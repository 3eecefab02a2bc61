using ActorBroker.Kafka.Wire;

namespace ActorBroker.Kafka.Messages;

/// <summary>DescribeConfigs (key 32) v0–v4, flexible from v4: the configs of topics and brokers.</summary>
/// <param name="IncludeSynonyms">v1+: also list where each value could come from, in precedence order.</param>
/// <param name="IncludeDocumentation">v3+.</param>
public sealed record DescribeConfigsRequest(IReadOnlyList<DescribeConfigsResource> Resources, bool IncludeSynonyms, bool IncludeDocumentation)
{
    public static readonly ApiVersionRange Versions = new(ApiKey.DescribeConfigs, 0, 4, 4);

    public static DescribeConfigsRequest Read(ref KafkaReader reader, short version)
    {
        var resources = new DescribeConfigsResource[reader.RequiredArrayLength(minElementBytes: 3)];
        for (var r = 0; r < resources.Length; r++)
        {
            resources[r] = new DescribeConfigsResource(reader.Int8(), reader.String(), reader.NullableStringArray());
            reader.TaggedFields();
        }

        var includeSynonyms = version >= 1 && reader.Boolean();
        var includeDocumentation = version >= 3 && reader.Boolean();
        reader.TaggedFields();
        return new DescribeConfigsRequest(resources, includeSynonyms, includeDocumentation);
    }
}

/// <param name="ResourceType">One of <see cref="DescribeConfigsResource.Types"/>.</param>
/// <param name="ConfigurationKeys">The keys wanted, or null for all.</param>
public sealed record DescribeConfigsResource(sbyte ResourceType, string ResourceName, IReadOnlyList<string>? ConfigurationKeys)
{
    /// <summary>Kafka's ConfigResource.Type numbers.</summary>
    public static class Types
    {
        public const sbyte Topic = 2;
        public const sbyte Broker = 4;
        public const sbyte BrokerLogger = 8;
    }
}
