using ActorBroker.Journal.Tests.Support;
using Akka.Actor;
using Akka.Persistence;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace ActorBroker.Journal.Tests;

/// <summary>Payloads go through Akka serialization: serializer id, manifest and bytes are stored and used on replay.</summary>
public sealed class PayloadSerializationSpec(ITestOutputHelper output) : JournalTestKit(output)
{
    private const string Pid = "partition-0";

    [Fact]
    public void A_binary_record_batch_is_replayed_byte_for_byte_through_its_string_manifest_serializer()
    {
        var bytes = new byte[16 * 1024];
        new Random(42).NextBytes(bytes);
        var batch = new RecordBatch(BaseOffset: 1_000, bytes);

        Write(new AtomicWrite(Event(Pid, 1, batch))).ExpectMsg<WriteMessagesSuccessful>();

        Assert.Equal(batch, Replay(Pid).Events.Single().Payload);
        var (serializerId, manifest, length) = StoredPayloadOf(Pid, 1);
        Assert.Equal(4711, serializerId);
        Assert.Equal(RecordBatchSerializer.BatchManifest, manifest);
        Assert.Equal(8 + bytes.Length, length);
    }

    [Fact]
    public void An_event_that_cannot_be_serialized_is_rejected_while_the_others_of_the_write_are_stored()
    {
        var probe = Write(
            new AtomicWrite(Event(Pid, 1)),
            new AtomicWrite(Event(Pid, 2, new Unserializable("no serializer works"))),
            new AtomicWrite(Event(Pid, 3)));

        probe.ExpectMsg<WriteMessagesSuccessful>();
        probe.ExpectMsg<WriteMessageSuccess>(m => m.Persistent.SequenceNr == 1);
        probe.ExpectMsg<WriteMessageRejected>(m => m.Persistent.SequenceNr == 2 && m.Cause is InvalidOperationException);
        probe.ExpectMsg<WriteMessageSuccess>(m => m.Persistent.SequenceNr == 3);
        Assert.Equal([1, 3], SequenceNrs(Replay(Pid).Events));
    }

    private Akka.TestKit.TestProbe Write(params AtomicWrite[] writes)
    {
        var probe = CreateTestProbe();
        Journal.Tell(new WriteMessages(writes, probe.Ref, actorInstanceId: 1));
        return probe;
    }

    private (long SerializerId, string Manifest, long Length) StoredPayloadOf(string persistenceId, long sequenceNr)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(Directory, "journal.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT serializer_id, serializer_manifest, length(payload) FROM journal
            WHERE persistence_id = $pid AND sequence_nr = $seq
            """;
        command.Parameters.AddWithValue("$pid", persistenceId);
        command.Parameters.AddWithValue("$seq", sequenceNr);
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        return (reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2));
    }
}
