namespace ActorBroker.Testing;

/// <summary>
/// Broker timings scaled down for in-process clusters: the controller and the caches retry every 200 ms, and the
/// partition shard coordinator rebalances every 500 ms with locations gossiped every 200 ms.
/// </summary>
public static class BrokerTestTimings
{
    public const string Hocon = """
        akka.cluster.sharding {
          retry-interval = 200ms
          handoff-timeout = 5s
          shard-start-timeout = 2s
          coordinator-failure-backoff = 500ms
          rebalance-interval = 500ms
          external-shard-allocation-strategy.client-timeout = 2s
        }
        akka.cluster.distributed-data {
          gossip-interval = 200ms
          notify-subscribers-interval = 100ms
        }
        akka.cluster.client.receptionist.heartbeat-interval = 1s
        actorbroker.broker {
          controller.retry-interval = 200ms
          controller.restart-backoff = 200ms
          metadata.register-interval = 200ms
        }
        """;
}
