namespace ActorBroker.Protocol.Tests;

public class TopicRulesTests
{
    [Theory]
    [InlineData("orders")]
    [InlineData("a.b_c-D9")]
    [InlineData("...")]
    public void Legal_names_pass(string name) => Assert.Null(TopicNames.Validate(name));

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("has space")]
    [InlineData("slash/")]
    [InlineData("ümlaut")]
    public void Illegal_names_say_why(string name) => Assert.NotNull(TopicNames.Validate(name));

    [Fact]
    public void Names_are_limited_to_249_characters()
    {
        Assert.Null(TopicNames.Validate(new string('a', 249)));
        Assert.Contains("249", TopicNames.Validate(new string('a', 250)));
    }

    [Fact]
    public void Overrides_apply_over_defaults()
    {
        var overrides = new Dictionary<string, string> { ["retention.ms"] = "-1", ["min.insync.replicas"] = "2", ["max.message.bytes"] = "2048" };
        Assert.True(TopicConfig.Default.TryApply(overrides, out var config, out var error), error);
        Assert.Equal((-1L, 2, 2048, -1L), (config.RetentionMs, config.MinInsyncReplicas, config.MaxMessageBytes, config.RetentionBytes));
    }

    [Theory]
    [InlineData("min.insync.replicas", "0")]
    [InlineData("retention.ms", "soon")]
    [InlineData("retention.bytes", "-2")]
    [InlineData("unclean.leader.election.enable", "maybe")]
    [InlineData("segment.bytes", "1")]
    public void Bad_overrides_name_the_key(string key, string value)
    {
        Assert.False(TopicConfig.Default.TryApply(new Dictionary<string, string> { [key] = value }, out _, out var error));
        Assert.Contains(key, error);
    }

    [Theory]
    [InlineData("orders-0", "orders", 0)]
    [InlineData("eu-west-orders-12", "eu-west-orders", 12)]
    public void Entity_ids_parse_back(string text, string topic, int partition)
    {
        Assert.True(TopicPartition.TryParse(text, out var tp));
        Assert.Equal(new TopicPartition(topic, partition), tp);
        Assert.Equal(text, tp.ToString());
    }

    [Theory]
    [InlineData("orders")]
    [InlineData("-1")]
    [InlineData("orders-x")]
    public void Bad_entity_ids_do_not_parse(string text) => Assert.False(TopicPartition.TryParse(text, out _));

    [Fact]
    public void Leadership_errors_are_retriable_and_ask_for_fresh_metadata()
    {
        Assert.True(ErrorCode.NotLeaderOrFollower.IsRetriable());
        Assert.True(ErrorCode.NotLeaderOrFollower.NeedsMetadataRefresh());
        Assert.False(ErrorCode.RecordTooLarge.IsRetriable());
        Assert.False(ErrorCode.InvalidTopic.IsRetriable());
        Assert.False(ErrorCode.RequestTimedOut.NeedsMetadataRefresh());
    }
}
