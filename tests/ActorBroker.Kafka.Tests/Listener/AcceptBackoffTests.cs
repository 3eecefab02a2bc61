using ActorBroker.Kafka.Listener;

namespace ActorBroker.Kafka.Tests.Listener;

public class AcceptBackoffTests
{
    [Fact]
    public void The_pause_after_failed_accepts_doubles_from_100ms_to_at_most_1s()
    {
        var pauses = Enumerable.Range(1, 7).Select(n => AcceptBackoff.Default.Pause(n).TotalMilliseconds);

        Assert.Equal([100, 200, 400, 800, 1000, 1000, 1000], pauses);
        Assert.Equal(TimeSpan.FromSeconds(1), AcceptBackoff.Default.Pause(10_000));
    }
}
