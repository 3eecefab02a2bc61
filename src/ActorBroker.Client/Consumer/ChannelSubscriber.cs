using System.Threading.Channels;
using Akka.Actor;

namespace ActorBroker.Client.Consumer;

/// <summary>
/// The facade's subscriber: passes deliveries and failures from the consumer actor into a channel the facade reads.
/// The channel needs no bound of its own: the consumer sends nothing more while max-buffered-bytes of deliveries
/// are unacknowledged, and the facade acknowledges only what the application has enumerated.
/// </summary>
internal sealed class ChannelSubscriber : ReceiveActor
{
    private readonly ChannelWriter<object> _writer;

    public ChannelSubscriber(ChannelWriter<object> writer)
    {
        _writer = writer;
        ReceiveAny(message => writer.TryWrite(message));
    }

    public static Props Props(ChannelWriter<object> writer) => Akka.Actor.Props.Create(() => new ChannelSubscriber(writer));

    protected override void PostStop() => _writer.TryComplete();
}
