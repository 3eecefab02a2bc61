using ActorBroker.Kafka.Wire;

namespace ActorBroker.Kafka.Messages;

/// <summary>AlterUserScramCredentials (key 51) v0, flexible: the client sends salted passwords, never passwords.</summary>
public sealed record AlterUserScramCredentialsRequest(IReadOnlyList<(string User, sbyte Mechanism)> Deletions, IReadOnlyList<ScramUpsertion> Upsertions)
{
    public static readonly ApiVersionRange Versions = new(ApiKey.AlterUserScramCredentials, 0, 0, 0);

    public static AlterUserScramCredentialsRequest Read(ref KafkaReader reader, short version)
    {
        var deletions = new (string, sbyte)[reader.RequiredArrayLength(3)];
        for (var i = 0; i < deletions.Length; i++)
        {
            deletions[i] = (reader.String(), reader.Int8());
            reader.TaggedFields();
        }

        var upsertions = new ScramUpsertion[reader.RequiredArrayLength(9)];
        for (var i = 0; i < upsertions.Length; i++)
        {
            upsertions[i] = new ScramUpsertion(reader.String(), reader.Int8(), reader.Int32(), reader.Bytes().ToArray(), reader.Bytes().ToArray());
            reader.TaggedFields();
        }

        reader.TaggedFields();
        return new AlterUserScramCredentialsRequest(deletions, upsertions);
    }
}

public sealed record ScramUpsertion(string User, sbyte Mechanism, int Iterations, byte[] Salt, byte[] SaltedPassword);

public sealed record AlterUserScramCredentialsResponse(IReadOnlyList<(string User, short ErrorCode, string? ErrorMessage)> Results, int ThrottleTimeMs = 0) : IKafkaResponse
{
    public void Write(KafkaWriter writer, short version)
    {
        writer.Int32(ThrottleTimeMs);
        writer.ArrayLength(Results.Count);
        foreach (var (user, errorCode, errorMessage) in Results)
        {
            writer.String(user);
            writer.Int16(errorCode);
            writer.NullableString(errorMessage);
            writer.TaggedFields();
        }

        writer.TaggedFields();
    }
}

/// <summary>DescribeUserScramCredentials (key 50) v0, flexible; null or no users: every user.</summary>
public sealed record DescribeUserScramCredentialsRequest(IReadOnlyList<string>? Users)
{
    public static readonly ApiVersionRange Versions = new(ApiKey.DescribeUserScramCredentials, 0, 0, 0);

    public static DescribeUserScramCredentialsRequest Read(ref KafkaReader reader, short version)
    {
        var count = reader.ArrayLength(2);
        string[]? users = count < 0 ? null : new string[count];
        for (var i = 0; i < count; i++)
        {
            users![i] = reader.String();
            reader.TaggedFields();
        }

        reader.TaggedFields();
        return new DescribeUserScramCredentialsRequest(users);
    }
}

public sealed record DescribeUserScramCredentialsResult(string User, short ErrorCode, string? ErrorMessage, IReadOnlyList<(sbyte Mechanism, int Iterations)> Credentials);

public sealed record DescribeUserScramCredentialsResponse(short ErrorCode, string? ErrorMessage, IReadOnlyList<DescribeUserScramCredentialsResult> Results, int ThrottleTimeMs = 0)
    : IKafkaResponse
{
    public void Write(KafkaWriter writer, short version)
    {
        writer.Int32(ThrottleTimeMs);
        writer.Int16(ErrorCode);
        writer.NullableString(ErrorMessage);
        writer.ArrayLength(Results.Count);
        foreach (var result in Results)
        {
            writer.String(result.User);
            writer.Int16(result.ErrorCode);
            writer.NullableString(result.ErrorMessage);
            writer.ArrayLength(result.Credentials.Count);
            foreach (var (mechanism, iterations) in result.Credentials)
            {
                writer.Int8(mechanism);
                writer.Int32(iterations);
                writer.TaggedFields();
            }

            writer.TaggedFields();
        }

        writer.TaggedFields();
    }
}
