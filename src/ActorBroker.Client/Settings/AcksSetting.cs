using ActorBroker.Protocol.Messages;

namespace ActorBroker.Client.Settings;

/// <summary>Reads Kafka's spellings of <c>acks</c>: "all" or "-1", "1", "0".</summary>
internal static class AcksSetting
{
    public static Acks Parse(string text, string path) => text.Trim().ToLowerInvariant() switch
    {
        "all" or "-1" => Acks.All,
        "1" or "leader" => Acks.Leader,
        "0" or "none" => Acks.None,
        _ => throw SettingsErrors.Fail(path, "acks", $"must be all, 1 or 0, was '{text}'"),
    };
}
