using ActorBroker.Kafka.Wire;

namespace ActorBroker.Kafka.Messages;

/// <summary>DeleteTopics (key 20) v0–v5, flexible from v4; v6 names topics by id too and is not served.</summary>
public sealed record DeleteTopicsRequest(IReadOnlyList<string> TopicNames, int TimeoutMs)
{
    public static readonly ApiVersionRange Versions = new(ApiKey.DeleteTopics, 0, 5, 4);

    public static DeleteTopicsRequest Read(ref KafkaReader reader, short version)
    {
        var names = reader.StringArray();
        var timeoutMs = reader.Int32();
        reader.TaggedFields();
        return new DeleteTopicsRequest(names, timeoutMs);
    }
}

public sealed record DeleteTopicsResponse(IReadOnlyList<DeletableTopicResult> Responses, int ThrottleTimeMs = 0) : IKafkaResponse
{
    public void Write(KafkaWriter writer, short version)
    {
        if (version >= 1) writer.Int32(ThrottleTimeMs);
        writer.ArrayLength(Responses.Count);
        foreach (var result in Responses)
        {
            writer.String(result.Name);
            writer.Int16(result.ErrorCode);
            if (version >= 5) writer.NullableString(result.ErrorMessage);
            writer.TaggedFields();
        }

        writer.TaggedFields();
    }
}

/// <param name="ErrorMessage">v5+.</param>
public sealed record DeletableTopicResult(string Name, short ErrorCode, string? ErrorMessage = null);
