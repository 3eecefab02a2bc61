using ActorBroker.Persistence.Journal;

namespace ActorBroker.Persistence.Tests.Tck;

internal static class TestEvents
{
    public static string NewPersistenceId(string prefix = "pid") => $"{prefix}-{Guid.NewGuid():N}";

    /// <summary>A 100-byte payload whose content depends on the persistence id, sequence number and a salt.</summary>
    public static byte[] PayloadFor(string persistenceId, long sequenceNr, int salt = 0)
    {
        var payload = new byte[100];
        var seed = HashCode.Combine(persistenceId, sequenceNr, salt);
        new Random(seed).NextBytes(payload);
        return payload;
    }

    public static PersistentRepr Event(string persistenceId, long sequenceNr, int salt = 0) =>
        new(persistenceId, sequenceNr, 1_700_000_000_000 + sequenceNr, "test.Event", 7, PayloadFor(persistenceId, sequenceNr, salt));

    public static AtomicWrite Write(string persistenceId, long sequenceNr, int salt = 0) =>
        new(Event(persistenceId, sequenceNr, salt));

    public static AtomicWrite WriteRange(string persistenceId, long fromSequenceNr, long toSequenceNr, int salt = 0) =>
        new(Enumerable.Range(0, checked((int)(toSequenceNr - fromSequenceNr + 1)))
            .Select(i => Event(persistenceId, fromSequenceNr + i, salt))
            .ToList());
}
