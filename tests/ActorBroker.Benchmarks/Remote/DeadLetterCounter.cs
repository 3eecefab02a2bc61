using ActorBroker.Actors;

namespace ActorBroker.Benchmarks.Remote;

/// <summary>Counts dead letters, so a round that overflowed the outbound queue is reported instead of hanging unexplained.</summary>
internal sealed class DeadLetterCounter : ReceiveActor
{
    private static long _count;

    public DeadLetterCounter() => Receive<DeadLetter>(_ => Interlocked.Increment(ref _count));

    public static long Count => Interlocked.Read(ref _count);
}
