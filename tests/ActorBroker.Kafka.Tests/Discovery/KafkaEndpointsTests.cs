using System.Collections.Immutable;
using ActorBroker.Kafka.Discovery;
using Akka.Event;
using Xunit.Abstractions;

namespace ActorBroker.Kafka.Tests.Discovery;

public class KafkaEndpointsTests(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit("", output)
{
    // Found by search: two node ids whose FNV-1a 32 hashes agree in the low 31 bits.
    private const string First = "10.0.70.219:2552";
    private const string Second = "127.0.0.1:2595";

    [Fact]
    public void Two_live_nodes_with_one_kafka_id_are_logged_as_an_error_once()
    {
        Assert.Equal(KafkaNodeIds.Of(First), KafkaNodeIds.Of(Second));
        var endpoints = new KafkaEndpoints(Logging.GetLogger(Sys, "ActorBroker.Kafka"));
        var both = ImmutableDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, HostPort>
        {
            [First] = new("10.0.70.219", 9092),
            [Second] = new("127.0.0.1", 9092),
        });

        EventFilter.Error(contains: $"Nodes {First} and {Second} have the same Kafka broker id {KafkaNodeIds.Of(First)}").ExpectOne(() =>
        {
            endpoints.Replace(both);
            endpoints.Replace(both); // the same pair again: already said
        });
        Assert.Equal(2, endpoints.Current.Count);
    }
}
