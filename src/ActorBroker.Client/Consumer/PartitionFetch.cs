using ActorBroker.Protocol;

namespace ActorBroker.Client.Consumer;

/// <summary>
/// One assigned partition in the consumer: its position (the next offset to deliver), the offset lookup it still
/// needs (after an assignment, a seek to the beginning, end or a timestamp, or an out-of-range reset), and its one
/// request in flight. At most one request per partition is outstanding; the next fetch goes out as soon as the
/// answer to the last one is delivered.
/// </summary>
internal sealed class PartitionFetch(TopicPartition partition, int epoch)
{
    public TopicPartition Partition { get; } = partition;

    /// <summary>Counts assignments and seeks; deliveries carry it so the subscriber can drop those from before a seek.</summary>
    public int Epoch { get; set; } = epoch;

    /// <summary>The next offset to deliver; -1 while unknown.</summary>
    public long Position { get; set; } = -1;

    /// <summary>A ListOffsets timestamp still to look up (Earliest, Latest or a time), or null.</summary>
    public long? Lookup { get; set; }

    /// <summary>The correlation id of the request in flight; 0 when none.</summary>
    public long InFlight { get; set; }

    public long InFlightDeadlineMs { get; set; }

    public long RetryAtMs { get; set; }

    /// <summary>Leadership moved (or the leader went silent): wait for fresh metadata before the next request.</summary>
    public bool AwaitingMetadata { get; set; }

    /// <summary>Stopped after a failure the subscriber was told about, until a seek or a new assignment.</summary>
    public bool Failed { get; set; }

    /// <summary>Forgets the request in flight (its answer will be ignored) and any failure: a seek starts over.</summary>
    public void Restart(long position, long? lookup)
    {
        Epoch++;
        Position = position;
        Lookup = lookup;
        InFlight = 0;
        RetryAtMs = 0;
        Failed = false;
    }
}
