namespace ActorBroker.Persistence.Journal;

/// <summary>
/// The events of one Persist/PersistAll call of one persistence id. A store writes them
/// all or none.
/// </summary>
public sealed class AtomicWrite
{
    /// <summary>Creates an atomic write and validates its shape.</summary>
    /// <exception cref="ArgumentException">
    /// The list is empty, mixes persistence ids, or its sequence numbers are not contiguous,
    /// ascending and positive.
    /// </exception>
    public AtomicWrite(IReadOnlyList<PersistentRepr> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            throw new ArgumentException("An atomic write needs at least one event.", nameof(events));
        }

        var first = events[0] ?? throw new ArgumentException("Events must not be null.", nameof(events));
        if (string.IsNullOrEmpty(first.PersistenceId))
        {
            throw new ArgumentException("The persistence id must not be empty.", nameof(events));
        }

        if (first.SequenceNr < 1)
        {
            throw new ArgumentException(
                $"Sequence numbers start at 1, got {first.SequenceNr} for '{first.PersistenceId}'.", nameof(events));
        }

        for (var i = 1; i < events.Count; i++)
        {
            var e = events[i] ?? throw new ArgumentException("Events must not be null.", nameof(events));
            if (!string.Equals(e.PersistenceId, first.PersistenceId, StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    $"An atomic write holds events of one persistence id: '{first.PersistenceId}' and '{e.PersistenceId}'.",
                    nameof(events));
            }

            if (e.SequenceNr != first.SequenceNr + i)
            {
                throw new ArgumentException(
                    $"Sequence numbers of an atomic write must be contiguous and ascending: expected {first.SequenceNr + i}, got {e.SequenceNr} for '{first.PersistenceId}'.",
                    nameof(events));
            }
        }

        Events = events;
    }

    /// <summary>Convenience for the common single-event write.</summary>
    public AtomicWrite(PersistentRepr single)
        : this([single])
    {
    }

    public IReadOnlyList<PersistentRepr> Events { get; }

    public string PersistenceId => Events[0].PersistenceId;

    public long LowestSequenceNr => Events[0].SequenceNr;

    public long HighestSequenceNr => Events[^1].SequenceNr;
}
