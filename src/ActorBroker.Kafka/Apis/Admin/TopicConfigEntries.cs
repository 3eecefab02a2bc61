using System.Globalization;
using ActorBroker.Broker.Metadata;
using ActorBroker.Protocol;

namespace ActorBroker.Kafka.Apis.Admin;

/// <summary>
/// A topic's configs as Kafka's admin APIs list them: every key ActorBroker knows (<see cref="TopicConfig.Keys"/>) with
/// its effective value, marked as the topic's own override or the broker's default.
/// </summary>
internal static class TopicConfigEntries
{
    /// <summary>Kafka's ConfigDef types (DescribeConfigs v3+): 1 boolean, 3 int, 5 long.</summary>
    private const sbyte BooleanType = 1;
    private const sbyte IntType = 3;
    private const sbyte LongType = 5;

    public static IEnumerable<TopicConfigEntry> Of(TopicImage topic, TopicConfig defaults)
    {
        foreach (var key in TopicConfig.Keys)
        {
            // The image's effective config is the source of truth for the value: overrides as the controller parsed them.
            yield return new TopicConfigEntry(key, ValueOf(topic.Config, key), topic.Configs.ContainsKey(key), ValueOf(defaults, key), TypeOf(key));
        }
    }

    public static string ValueOf(TopicConfig config, string key) => key switch
    {
        TopicConfig.MinInsyncReplicasKey => config.MinInsyncReplicas.ToString(CultureInfo.InvariantCulture),
        TopicConfig.RetentionMsKey => config.RetentionMs.ToString(CultureInfo.InvariantCulture),
        TopicConfig.RetentionBytesKey => config.RetentionBytes.ToString(CultureInfo.InvariantCulture),
        TopicConfig.MaxMessageBytesKey => config.MaxMessageBytes.ToString(CultureInfo.InvariantCulture),
        TopicConfig.UncleanLeaderElectionKey => config.UncleanLeaderElectionEnable ? "true" : "false",
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, "not a topic config key"),
    };

    private static sbyte TypeOf(string key) => key switch
    {
        TopicConfig.UncleanLeaderElectionKey => BooleanType,
        TopicConfig.MinInsyncReplicasKey or TopicConfig.MaxMessageBytesKey => IntType,
        _ => LongType,
    };
}

/// <param name="IsOverride">The topic sets it itself (DYNAMIC_TOPIC_CONFIG); otherwise it is the broker's default.</param>
/// <param name="DefaultValue">The broker's default, the synonym under an override.</param>
internal sealed record TopicConfigEntry(string Name, string Value, bool IsOverride, string DefaultValue, sbyte ConfigType);
