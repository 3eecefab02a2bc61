namespace ActorBroker.Journal;

/// <summary>Asks the <see cref="SqliteJournal"/> actor for its <see cref="JournalStats"/>.</summary>
public sealed class GetJournalStats
{
    public static readonly GetJournalStats Instance = new();

    private GetJournalStats()
    {
    }
}

/// <summary>
/// What the journal's writer has committed since it started. <see cref="Appends"/> over <see cref="Transactions"/> is
/// the group commit at work: how many persistent actors' writes shared one transaction (and one sync).
/// </summary>
/// <param name="Transactions">Transactions committed (or failed) by the writer.</param>
/// <param name="Appends">WriteMessagesAsync calls written, one per persistent actor's write batch.</param>
/// <param name="Events">Events stored.</param>
/// <param name="WalFramesCheckpointed">WAL frames the background checkpointer copied into the database file.</param>
public sealed record JournalStats(long Transactions, long Appends, long Events, long WalFramesCheckpointed);
