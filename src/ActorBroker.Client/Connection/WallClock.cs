namespace ActorBroker.Client.Connection;

/// <summary>Record timestamps: milliseconds since the Unix epoch, as Kafka's CreateTime.</summary>
internal static class WallClock
{
    public static long NowMs => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
}
