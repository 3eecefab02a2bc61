using System.Collections.Immutable;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Xunit.Abstractions;

namespace ActorBroker.Journal.Tests.Support;

/// <summary>
/// A TestKit whose ActorSystem uses the SQLite journal and snapshot store on a database in a fresh temporary
/// directory, deleted after the test. <see cref="StartSystem"/> opens further systems on the same files.
/// </summary>
public abstract class JournalTestKit : Akka.TestKit.Xunit2.TestKit
{
    protected JournalTestKit(ITestOutputHelper output, string extraConfig = "")
        : this(TemporaryDirectory.Create(), output, extraConfig)
    {
    }

    private JournalTestKit(string directory, ITestOutputHelper output, string extraConfig)
        : base(SystemConfig(directory, extraConfig), "journal-spec", output)
    {
        Directory = directory;
    }

    protected string Directory { get; }

    protected IActorRef Journal => Persistence.Instance.Apply(Sys).JournalFor(null);

    protected IActorRef SnapshotStore => Persistence.Instance.Apply(Sys).SnapshotStoreFor(null);

    protected const string WriterGuid = "writer-1";

    /// <summary>An event as a persistent actor hands it to the journal; the payload defaults to <c>a-{sequenceNr}</c>.</summary>
    protected static Persistent Event(string persistenceId, long sequenceNr, object? payload = null) =>
        new(payload ?? $"a-{sequenceNr}", sequenceNr, persistenceId, "", false, ActorRefs.NoSender, WriterGuid);

    /// <summary>
    /// Writes events <paramref name="from"/>..<paramref name="to"/> as the journal TCK does (the last two as one atomic
    /// write) and waits until the journal confirms each.
    /// </summary>
    protected void WriteEvents(string persistenceId, long from, long to, IActorRef? journal = null)
    {
        var writes = new List<IPersistentEnvelope>();
        for (var i = from; i < to - 1; i++)
        {
            writes.Add(new AtomicWrite(Event(persistenceId, i)));
        }

        writes.Add(new AtomicWrite(ImmutableList.Create<IPersistentRepresentation>(
            Event(persistenceId, Math.Max(from, to - 1)), Event(persistenceId, to))));
        var probe = CreateTestProbe();
        (journal ?? Journal).Tell(new WriteMessages(writes, probe.Ref, actorInstanceId: 1));
        probe.ExpectMsg<WriteMessagesSuccessful>();
        for (var i = from; i <= to; i++)
        {
            var sequenceNr = i;
            probe.ExpectMsg<WriteMessageSuccess>(m => m.Persistent.SequenceNr == sequenceNr);
        }
    }

    /// <summary>Replays through the journal protocol: the events replayed and the highest sequence number reported.</summary>
    protected (List<IPersistentRepresentation> Events, long Highest) Replay(
        string persistenceId, long from = 1, long to = long.MaxValue, long max = long.MaxValue, IActorRef? journal = null)
    {
        var probe = CreateTestProbe();
        (journal ?? Journal).Tell(new ReplayMessages(from, to, max, persistenceId, probe.Ref));
        var events = new List<IPersistentRepresentation>();
        while (true)
        {
            switch (probe.ExpectMsg<object>())
            {
                case ReplayedMessage replayed:
                    events.Add(replayed.Persistent);
                    break;
                case RecoverySuccess success:
                    return (events, success.HighestSequenceNr);
                case var other:
                    throw new InvalidOperationException($"Unexpected reply to ReplayMessages: {other}");
            }
        }
    }

    protected static long[] SequenceNrs(IEnumerable<IPersistentRepresentation> events) => events.Select(e => e.SequenceNr).ToArray();

    /// <summary>The plugins' config for a database in <paramref name="directory"/>, with the plugin defaults as fallback.</summary>
    public static Config SystemConfig(string directory, string extraConfig = "")
    {
        var quoted = "\"" + directory.Replace("\\", "\\\\", StringComparison.Ordinal) + "\"";
        return ConfigurationFactory.ParseString($$"""
            akka.loglevel = INFO
            akka.persistence.journal.plugin = "{{ActorBrokerJournal.JournalPath}}"
            akka.persistence.snapshot-store.plugin = "{{ActorBrokerJournal.SnapshotStorePath}}"
            {{ActorBrokerJournal.JournalPath}}.data-directory = {{quoted}}
            {{ActorBrokerJournal.SnapshotStorePath}}.data-directory = {{quoted}}
            akka.actor.serializers.record-batch = "ActorBroker.Journal.Tests.Support.RecordBatchSerializer, ActorBroker.Journal.Tests"
            akka.actor.serializers.failing = "ActorBroker.Journal.Tests.Support.FailingSerializer, ActorBroker.Journal.Tests"
            akka.actor.serialization-bindings {
              "ActorBroker.Journal.Tests.Support.RecordBatch, ActorBroker.Journal.Tests" = record-batch
              "ActorBroker.Journal.Tests.Support.Unserializable, ActorBroker.Journal.Tests" = failing
            }
            {{extraConfig}}
            """)
            .WithFallback(ActorBrokerJournal.DefaultConfiguration());
    }

    /// <summary>A second ActorSystem on this test's database files; the caller terminates it.</summary>
    protected ActorSystem StartSystem(string name) => ActorSystem.Create(name, SystemConfig(Directory));

    protected override void AfterAll()
    {
        base.AfterAll();
        TemporaryDirectory.Delete(Directory);
    }
}
