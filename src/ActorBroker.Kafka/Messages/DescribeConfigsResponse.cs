using ActorBroker.Kafka.Wire;

namespace ActorBroker.Kafka.Messages;

/// <summary>DescribeConfigs' response (see <see cref="DescribeConfigsRequest"/>).</summary>
public sealed record DescribeConfigsResponse(IReadOnlyList<DescribeConfigsResult> Results, int ThrottleTimeMs = 0) : IKafkaResponse
{
    public void Write(KafkaWriter writer, short version)
    {
        writer.Int32(ThrottleTimeMs);
        writer.ArrayLength(Results.Count);
        foreach (var result in Results)
        {
            writer.Int16(result.ErrorCode);
            writer.NullableString(result.ErrorMessage);
            writer.Int8(result.ResourceType);
            writer.String(result.ResourceName);
            writer.ArrayLength(result.Configs.Count);
            foreach (var config in result.Configs) config.Write(writer, version);
            writer.TaggedFields();
        }

        writer.TaggedFields();
    }
}

public sealed record DescribeConfigsResult(
    short ErrorCode,
    string? ErrorMessage,
    sbyte ResourceType,
    string ResourceName,
    IReadOnlyList<DescribeConfigsEntry> Configs);

/// <param name="ConfigSource">One of <see cref="Sources"/>; v0 has only an is-default flag, written as source == default.</param>
/// <param name="Synonyms">v1+, empty unless the request asked for them.</param>
/// <param name="ConfigType">v3+: one of Kafka's ConfigDef types (1 boolean, 2 string, 3 int, ...), 0 unknown.</param>
/// <param name="Documentation">v3+.</param>
public sealed record DescribeConfigsEntry(
    string Name,
    string? Value,
    bool ReadOnly,
    sbyte ConfigSource,
    bool IsSensitive,
    IReadOnlyList<DescribeConfigsSynonym> Synonyms,
    sbyte ConfigType = 0,
    string? Documentation = null)
{
    /// <summary>Kafka's DescribeConfigsResponse.ConfigSource numbers.</summary>
    public static class Sources
    {
        public const sbyte Unknown = 0;
        public const sbyte DynamicTopicConfig = 1;
        public const sbyte DynamicBrokerConfig = 2;
        public const sbyte DynamicDefaultBrokerConfig = 3;
        public const sbyte StaticBrokerConfig = 4;
        public const sbyte DefaultConfig = 5;
        public const sbyte DynamicBrokerLoggerConfig = 6;
    }

    internal void Write(KafkaWriter writer, short version)
    {
        writer.String(Name);
        writer.NullableString(Value);
        writer.Boolean(ReadOnly);
        if (version == 0) writer.Boolean(ConfigSource == Sources.DefaultConfig);
        else writer.Int8(ConfigSource);
        writer.Boolean(IsSensitive);
        if (version >= 1)
        {
            writer.ArrayLength(Synonyms.Count);
            foreach (var synonym in Synonyms)
            {
                writer.String(synonym.Name);
                writer.NullableString(synonym.Value);
                writer.Int8(synonym.Source);
                writer.TaggedFields();
            }
        }

        if (version >= 3)
        {
            writer.Int8(ConfigType);
            writer.NullableString(Documentation);
        }

        writer.TaggedFields();
    }
}

public sealed record DescribeConfigsSynonym(string Name, string? Value, sbyte Source);
