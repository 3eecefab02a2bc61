using ActorBroker.Client.Consumer;
using ActorBroker.Client.Tests.Support;
using ActorBroker.Protocol;
using Akka.Actor;
using Xunit.Abstractions;

namespace ActorBroker.Client.Tests.Consumer;

/// <summary>The test actor is the subscriber: it takes deliveries and acknowledges them when the test says so.</summary>
public abstract class ConsumerTestKit(ITestOutputHelper output) : ClientTestKit(output)
{
    /// <summary>Takes the next delivery and tells the consumer it was processed.</summary>
    protected ConsumedRecords NextDelivery(IActorRef consumer, TimeSpan? timeout = null)
    {
        var delivery = ExpectMsg<ConsumedRecords>(timeout);
        consumer.Tell(RecordsProcessed.Instance, TestActor);
        return delivery;
    }

    /// <summary>
    /// The next delivery or failure of <paramref name="epoch"/> (the assignment is epoch 1, each seek adds one); those
    /// of earlier epochs, fetched before the seek was handled, are acknowledged and skipped, as a subscriber must.
    /// </summary>
    protected T ExpectInEpoch<T>(IActorRef consumer, int epoch) where T : class
    {
        while (true)
        {
            var message = ExpectMsg<object>();
            if (message is ConsumedRecords delivery) consumer.Tell(RecordsProcessed.Instance, TestActor);
            var messageEpoch = message switch { ConsumedRecords d => d.Epoch, ConsumeFailed f => f.Epoch, _ => -1 };
            if (messageEpoch > epoch) throw new InvalidOperationException($"got epoch {messageEpoch} while waiting for {epoch}");
            if (messageEpoch == epoch) return Assert.IsType<T>(message);
        }
    }

    /// <summary>Takes deliveries (acknowledging each) until <paramref name="count"/> records of any partition came; returns them in arrival order.</summary>
    protected List<(TopicPartition Partition, long Offset, string Value)> Consume(IActorRef consumer, int count)
    {
        var records = new List<(TopicPartition, long, string)>();
        while (records.Count < count)
        {
            var delivery = NextDelivery(consumer);
            foreach (var record in delivery.Records) records.Add((delivery.Partition, record.Offset, Text(record.Value)));
        }

        return records;
    }

    protected static List<(long Offset, string Value)> Flatten(ConsumedRecords delivery)
    {
        var list = new List<(long, string)>();
        foreach (var record in delivery.Records) list.Add((record.Offset, Text(record.Value)));
        return list;
    }
}
