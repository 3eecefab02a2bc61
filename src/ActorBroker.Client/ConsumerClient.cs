using System.Runtime.CompilerServices;
using System.Threading.Channels;
using ActorBroker.Client.Consumer;
using ActorBroker.Client.Settings;
using ActorBroker.Protocol;
using Akka.Actor;
using Akka.Configuration;

namespace ActorBroker.Client;

/// <summary>
/// The consumer for applications that are not actors: assign partitions, seek, and enumerate records with
/// <see cref="ConsumeAsync"/>. A <see cref="ConsumerActor"/> does the fetching; a delivery counts as processed once
/// the enumeration has moved past its last record, so how fast the application enumerates is what paces fetching
/// (max-buffered-bytes). Records fetched before a seek are dropped, never yielded. Not thread-safe, like Kafka's
/// consumer: call it from one flow at a time (DisposeAsync excepted).
/// </summary>
public sealed class ConsumerClient : IAsyncDisposable
{
    private readonly ClientConnection _connection;
    private readonly bool _ownsConnection;
    private readonly Channel<object> _deliveries = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly IActorRef _subscriber;
    private readonly Dictionary<TopicPartition, int> _epochs = [];
    private HashSet<TopicPartition> _assignment = [];
    private ConsumedRecords? _current;
    private ConsumedRecordEnumerable.Enumerator _cursor;
    private int _disposed;

    /// <summary>A consumer on <paramref name="connection"/>, or, when none is given, on a connection (and actor system) of its own made from <see cref="ConsumerSettings.Client"/>.</summary>
    public ConsumerClient(ConsumerSettings settings, ClientConnection? connection = null)
    {
        settings.Validate();
        _ownsConnection = connection is null;
        _connection = connection ?? ClientConnection.Create(settings.Client);
        try
        {
            _connection.RequireFrameRoom(settings.MaxPartitionFetchBytes, $"{ConsumerSettings.Section}.max-partition-fetch-bytes", "max.partition.fetch.bytes");
        }
        catch when (_ownsConnection)
        {
            _connection.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(10));
            throw;
        }

        _subscriber = _connection.System.ActorOf(ChannelSubscriber.Props(_deliveries.Writer));
        Actor = _connection.System.ActorOf(ConsumerActor.Props(settings, _connection.Entry, _subscriber));
    }

    /// <summary>A consumer with its own connection, configured by <c>actorbroker.client</c> in <paramref name="config"/> (HOCON).</summary>
    public static ConsumerClient Create(Config config) => new(ConsumerSettings.FromConfig(config), ClientConnection.Create(config), ownsConnection: true);

    /// <summary>A consumer with its own connection, configured by Kafka-named options.</summary>
    public static ConsumerClient Create(ConsumerOptions options) => new(ConsumerSettings.FromOptions(options));

    private ConsumerClient(ConsumerSettings settings, ClientConnection connection, bool ownsConnection)
        : this(settings, connection) => _ownsConnection = ownsConnection;

    /// <summary>The consumer actor behind this facade.</summary>
    public IActorRef Actor { get; }

    public IReadOnlyCollection<TopicPartition> Assignment => [.. _assignment];

    /// <summary>Reads these partitions from now on (others are dropped). New ones start at a following seek, else at auto.offset.reset.</summary>
    public void Assign(IEnumerable<TopicPartition> partitions)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        var wanted = partitions.ToHashSet();
        foreach (var partition in wanted.Where(p => !_assignment.Contains(p))) Bump(partition);
        _assignment = wanted;
        Actor.Tell(new Assign([.. wanted]), _subscriber);
    }

    /// <summary>The next record of <paramref name="partition"/> is the one at <paramref name="offset"/>.</summary>
    public void Seek(TopicPartition partition, long offset)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        Reposition(partition, new Seek(partition, offset));
    }

    /// <summary>Moves the partitions (all assigned ones when null) to their log start.</summary>
    public void SeekToBeginning(IEnumerable<TopicPartition>? partitions = null)
    {
        foreach (var partition in partitions ?? [.. _assignment]) Reposition(partition, new SeekToBeginning(partition));
    }

    /// <summary>Moves the partitions (all assigned ones when null) to their end: only new records follow.</summary>
    public void SeekToEnd(IEnumerable<TopicPartition>? partitions = null)
    {
        foreach (var partition in partitions ?? [.. _assignment]) Reposition(partition, new SeekToEnd(partition));
    }

    /// <summary>Moves the partition to its first record at or after <paramref name="timestamp"/>, or to its end when there is none.</summary>
    public void SeekToTimestamp(TopicPartition partition, DateTimeOffset timestamp) =>
        Reposition(partition, new SeekToTimestamp(partition, timestamp.ToUnixTimeMilliseconds()));

    /// <summary>
    /// The records of the assigned partitions as they arrive, in offset order per partition, until cancelled. A
    /// partition that cannot go on (OffsetOutOfRange with auto.offset.reset = none, or an error that is not retriable)
    /// ends the enumeration with a <see cref="BrokerException"/>; seek it and enumerate again. Breaking out and
    /// enumerating again continues after the last record yielded.
    /// </summary>
    public async IAsyncEnumerable<ConsumeResult> ConsumeAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        while (true)
        {
            if (_current is { } current)
            {
                if (IsCurrent(current.Partition, current.Epoch) && _cursor.MoveNext())
                {
                    var r = _cursor.Current;
                    yield return new ConsumeResult(current.Partition, r.Offset, r.Timestamp, r.Key, r.Value, r.Headers);
                    continue;
                }

                FinishDelivery();
                continue;
            }

            if (!_deliveries.Reader.TryRead(out var message))
            {
                if (!await _deliveries.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false)) yield break;
                continue;
            }

            switch (message)
            {
                case ConsumedRecords delivery:
                    _current = delivery;
                    _cursor = delivery.Records.GetEnumerator();
                    break;
                case ConsumeFailed failed when IsCurrent(failed.Partition, failed.Epoch):
                    throw new BrokerException(failed.Error, failed.Message);
            }
        }
    }

    /// <summary>Stops the consumer; a connection it created is closed too.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _connection.System.Stop(Actor);
        _connection.System.Stop(_subscriber);
        _deliveries.Writer.TryComplete();
        if (_ownsConnection) await _connection.DisposeAsync().ConfigureAwait(false);
    }

    private void Reposition(TopicPartition partition, object seek)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (!_assignment.Contains(partition))
            throw new InvalidOperationException($"Cannot seek {partition}: it is not assigned to this consumer (assign it first)");
        Bump(partition);
        Actor.Tell(seek, _subscriber);
    }

    // Mirrors the consumer actor's epoch: both count the same assignments and seeks of the partition.
    private void Bump(TopicPartition partition) => _epochs[partition] = _epochs.GetValueOrDefault(partition) + 1;

    private bool IsCurrent(TopicPartition partition, int epoch) => _assignment.Contains(partition) && _epochs.GetValueOrDefault(partition) == epoch;

    /// <summary>The delivery was enumerated (or is stale): the consumer may count its bytes as processed.</summary>
    private void FinishDelivery()
    {
        _current = null;
        _cursor = default;
        Actor.Tell(RecordsProcessed.Instance, _subscriber);
    }
}
