using ActorBroker.Actors;

namespace ActorBroker.Benchmarks.Remote;

/// <summary>
/// Sends <see cref="Run.Count"/> messages one-way to a remote receiver, never more than <c>window</c> of them
/// unacknowledged. The receiver answers every K messages with one <c>int</c> K, so acks cost 1/K of the traffic
/// and the outbound queue (outbound-queue-size) holds at most <c>window</c> messages: it cannot overflow.
/// </summary>
internal sealed class WindowedSender : ReceiveActor
{
    private readonly int _window;
    private Run? _run;
    private long _sent;
    private long _acked;

    public WindowedSender(int window)
    {
        _window = window;
        Receive<Run>(run =>
        {
            _run = run;
            _sent = 0;
            _acked = 0;
            SendWindow();
        });
        Receive<int>(acked =>
        {
            _acked += acked;
            if (_run is null) return;
            _run.AckedBy = Sender;
            if (_acked >= _run.Count)
            {
                _run.Done.TrySetResult();
                _run = null;
                return;
            }

            SendWindow();
        });
    }

    /// <summary>Sends <paramref name="Count"/> messages made by <paramref name="MessageFor"/> (given the sequence number) to <paramref name="Target"/>.</summary>
    public sealed record Run(IActorRef Target, long Count, Func<long, object> MessageFor, TaskCompletionSource Done)
    {
        /// <summary>Who sent the latest ack: the actor that really received the messages (e.g. the entity behind a shard region).</summary>
        public IActorRef? AckedBy { get; set; }
    }

    private void SendWindow()
    {
        var run = _run!;
        while (_sent < run.Count && _sent - _acked < _window)
        {
            run.Target.Tell(run.MessageFor(_sent), Self);
            _sent++;
        }
    }
}
