using System.Net.Sockets;

namespace ActorBroker.Kafka.Listener;

/// <summary>
/// What a test may replace in a <see cref="KafkaListener"/>: the clock, the accept call (to make it fail as a process
/// out of file descriptors does, which cannot be arranged inside a test process) and the back-off after failures.
/// </summary>
internal sealed record ListenerSeams(TimeProvider Time, Func<Socket, CancellationToken, ValueTask<Socket>> Accept, AcceptBackoff Backoff)
{
    public static ListenerSeams Default { get; } = new(TimeProvider.System, static (socket, cancel) => socket.AcceptAsync(cancel), AcceptBackoff.Default);
}
