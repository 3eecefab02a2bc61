using ActorBroker.Protocol.Records;

namespace ActorBroker.Broker.Partitions;

/// <summary>
/// The batches that answer a fetch: first <see cref="JournalBatches"/> to read from the journal (events
/// <see cref="FromSequenceNr"/>..<see cref="ToSequenceNr"/>, the first of them ending at <see cref="FirstLastOffset"/>),
/// then the <see cref="Cached"/> ones that follow them.
/// </summary>
internal readonly record struct FetchPlan(long FromSequenceNr, long ToSequenceNr, int JournalBatches, long FirstLastOffset, RecordBatch[] Cached, long Bytes)
{
    public bool NeedsJournal => JournalBatches > 0;
}
