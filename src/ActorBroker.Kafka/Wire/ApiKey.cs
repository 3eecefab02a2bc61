namespace ActorBroker.Kafka.Wire;

/// <summary>The Kafka API keys this listener knows by name (the numbers are Kafka's).</summary>
public enum ApiKey : short
{
    Produce = 0,
    Fetch = 1,
    ListOffsets = 2,
    Metadata = 3,
    SaslHandshake = 17,
    ApiVersions = 18,
    CreateTopics = 19,
    DeleteTopics = 20,
    DescribeAcls = 29,
    CreateAcls = 30,
    DeleteAcls = 31,
    DescribeConfigs = 32,
    SaslAuthenticate = 36,
    CreatePartitions = 37,
    DescribeUserScramCredentials = 50,
    AlterUserScramCredentials = 51,
    DescribeCluster = 60,
}
