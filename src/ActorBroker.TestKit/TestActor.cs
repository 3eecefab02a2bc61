using ActorBroker.Actors;

namespace ActorBroker.TestKit;

/// <summary>Queues everything it receives for the test to assert on; it handles every message, including Terminated.</summary>
internal sealed class TestActor : UntypedActor
{
    private readonly MessageQueue _queue;
    private readonly Action<IActorRef> _watchAcknowledged;

    public TestActor(MessageQueue queue, Action<IActorRef> watchAcknowledged)
    {
        _queue = queue;
        _watchAcknowledged = watchAcknowledged;
    }

    protected override void OnReceive(object message)
    {
        if (message is WatchRequest request)
        {
            if (request.Watch) Context.Watch(request.Subject);
            else Context.Unwatch(request.Subject);
            _watchAcknowledged(request.Subject);
            return;
        }

        _queue.Enqueue(new ReceivedMessage(message, Sender));
    }
}
