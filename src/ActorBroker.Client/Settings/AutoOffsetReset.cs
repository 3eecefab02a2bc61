namespace ActorBroker.Client.Settings;

/// <summary>Kafka's <c>auto.offset.reset</c>: where a partition without a valid position starts.</summary>
public enum AutoOffsetReset
{
    /// <summary>At the log start offset: everything still retained.</summary>
    Earliest,
    /// <summary>At the high watermark: only records written from now on.</summary>
    Latest,
    /// <summary>Nowhere: the subscriber gets an OffsetOutOfRange failure and the partition waits for a seek.</summary>
    None,
}
