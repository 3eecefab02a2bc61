using ActorBroker.Actors;

namespace ActorBroker.Benchmarks.Remote;

/// <summary>Counts what arrives and acknowledges every <c>ackEvery</c> messages with one <c>int</c> to the sender.</summary>
internal sealed class CountingReceiver : ReceiveActor
{
    private int _unacknowledged;

    public CountingReceiver(int ackEvery)
    {
        ReceiveAny(_ =>
        {
            if (++_unacknowledged < ackEvery) return;
            _unacknowledged = 0;
            Sender.Tell(ackEvery, Self);
        });
    }
}
