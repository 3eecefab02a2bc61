using System.Threading.Channels;
using ActorBroker.Actors;

namespace ActorBroker.Benchmarks.Remote;

/// <summary>
/// What the raw pump's reader does with each frame beyond checking it. <see cref="None"/> is the plain pump.
/// The others give each frame's sequence number, boxed (as remoting's deserializer allocates each message), to a
/// consumer on another thread, the least that delivering a network message to an actor takes: through an
/// actor's mailbox (<see cref="Mailbox"/>), or through a .NET <see cref="Channel"/> to a task, to show the cost
/// is the hand-off itself rather than this runtime's mailbox.
/// </summary>
internal enum RawHandOff : byte
{
    None = 0,
    Mailbox = 1,
    Channel = 2,
}

/// <summary>The consumer side of one raw session's hand-off: takes every frame, and tells when it has seen the last.</summary>
internal abstract class HandOffSink
{
    public abstract void Deliver(object message);

    /// <summary>Completes once everything delivered so far has been consumed.</summary>
    public abstract Task DrainAsync();

    public static HandOffSink? For(RawHandOff mode, ActorSystem system) => mode switch
    {
        RawHandOff.None => null,
        RawHandOff.Mailbox => new MailboxSink(system),
        RawHandOff.Channel => new ChannelSink(),
        _ => throw new InvalidDataException($"unknown hand-off mode {(byte)mode}"),
    };

    private sealed class MailboxSink(ActorSystem system) : HandOffSink
    {
        private readonly IActorRef _actor = system.ActorOf(Props.Create(() => new ConsumingActor()));

        public override void Deliver(object message) => _actor.Tell(message, ActorRefs.NoSender);

        public override async Task DrainAsync()
        {
            // The mailbox is FIFO: when the actor sees this, it has consumed every frame before it.
            var drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _actor.Tell(drained, ActorRefs.NoSender);
            await drained.Task.ConfigureAwait(false);
            _actor.Tell(PoisonPill.Instance, ActorRefs.NoSender);
        }

        /// <summary>Takes every frame and does nothing with it: the hand-off is what is measured.</summary>
        private sealed class ConsumingActor : ReceiveActor
        {
            public ConsumingActor()
            {
                Receive<TaskCompletionSource>(drained => drained.TrySetResult());
                ReceiveAny(_ => { });
            }
        }
    }

    private sealed class ChannelSink : HandOffSink
    {
        private readonly Channel<object> _channel =
            System.Threading.Channels.Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

        private readonly Task _consumer;

        public ChannelSink() => _consumer = Task.Run(ConsumeAsync);

        public override void Deliver(object message) => _channel.Writer.TryWrite(message);

        public override Task DrainAsync()
        {
            _channel.Writer.Complete();
            return _consumer;
        }

        private async Task ConsumeAsync()
        {
            var reader = _channel.Reader;
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
                while (reader.TryRead(out _))
                {
                }
        }
    }
}
