namespace ActorBroker.Client;

/// <summary>
/// Where a record produced through <see cref="ProducerClient"/> was stored: partition, offset (-1 with acks=0) and
/// timestamp (the broker's log-append time when the topic uses it, else the record's own).
/// </summary>
public readonly record struct DeliveryResult(string Topic, int Partition, long Offset, long Timestamp);
