using System.Text;
using ActorBroker.Client.Connection;
using ActorBroker.Client.Producer;
using ActorBroker.Client.Settings;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Records;
using Akka.Actor;
using Akka.Configuration;

namespace ActorBroker.Client;

/// <summary>
/// The producer for applications that are not actors: <see cref="ProduceAsync(string, byte[], byte[], IReadOnlyList{RecordHeader}, long?, int?, CancellationToken)"/>
/// completes when the record is stored as acks requires, or fails with a <see cref="BrokerException"/> carrying the
/// error code. Thread-safe. Records are handed to a <see cref="ProducerActor"/> in bulk (one actor message per drain,
/// not per record), so the hot path costs a buffer-memory reservation, a short lock and the task the API returns.
/// When buffer.memory is full, ProduceAsync waits asynchronously up to max.block before it fails.
/// </summary>
public sealed class ProducerClient : IAsyncDisposable
{
    private readonly ClientConnection _connection;
    private readonly bool _ownsConnection;
    private readonly ProducerSettings _settings;
    private readonly ProduceStage _stage = new();
    private readonly BufferMemory _memory;
    private int _disposed;

    /// <summary>A producer on <paramref name="connection"/>, or, when none is given, on a connection (and actor system) of its own made from <see cref="ProducerSettings.Client"/>.</summary>
    public ProducerClient(ProducerSettings settings, ClientConnection? connection = null)
    {
        _settings = settings.Validate();
        _ownsConnection = connection is null;
        _connection = connection ?? ClientConnection.Create(settings.Client);
        try
        {
            _connection.RequireFrameRoom(_settings.MaxRequestSize, $"{ProducerSettings.Section}.max-request-size", "max.request.size");
        }
        catch when (_ownsConnection)
        {
            _connection.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(10));
            throw;
        }

        _memory = new BufferMemory(settings.BufferMemory);
        Actor = _connection.System.ActorOf(ProducerActor.Props(_settings, _connection.Entry, new ProducerLink(_stage, _memory)));
    }

    /// <summary>A producer with its own connection, configured by <c>actorbroker.client</c> in <paramref name="config"/> (HOCON).</summary>
    public static ProducerClient Create(Config config) => new(ProducerSettings.FromConfig(config), ClientConnection.Create(config), ownsConnection: true);

    /// <summary>A producer with its own connection, configured by Kafka-named options.</summary>
    public static ProducerClient Create(ProducerOptions options) => new(ProducerSettings.FromOptions(options));

    private ProducerClient(ProducerSettings settings, ClientConnection connection, bool ownsConnection)
        : this(settings, connection) => _ownsConnection = ownsConnection;

    /// <summary>The producer actor behind this facade; <see cref="Produce"/> messages may be sent to it directly as well.</summary>
    public IActorRef Actor { get; }

    public ProducerSettings Settings => _settings;

    /// <summary>
    /// Sends a record. The partition is <paramref name="partition"/> if given, else murmur2 of the key, else the sticky
    /// partition. <paramref name="cancellationToken"/> only cancels the wait for buffer memory: once accepted, a
    /// record gets its outcome from the broker or from delivery.timeout.
    /// </summary>
    public Task<DeliveryResult> ProduceAsync(string topic, byte[]? key, byte[]? value, IReadOnlyList<RecordHeader>? headers = null,
        long? timestamp = null, int? partition = null, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var size = RecordSize.UpperBound(key, value, headers);
        if (ProducerActor.CheckRecord(topic, partition, size, _settings) is { } problem)
            return Task.FromException<DeliveryResult>(new BrokerException(problem.Error, problem.Message));
        return _memory.TryReserve(size)
            ? Stage(topic, key, value, headers, timestamp, partition, size)
            : ProduceWhenMemoryFreesAsync(topic, key, value, headers, timestamp, partition, size, cancellationToken);
    }

    /// <summary>Sends a record whose key and value are UTF-8 text; null stays null.</summary>
    public Task<DeliveryResult> ProduceAsync(string topic, string? key, string? value, IReadOnlyList<RecordHeader>? headers = null,
        long? timestamp = null, int? partition = null, CancellationToken cancellationToken = default) =>
        ProduceAsync(topic, key is null ? null : Encoding.UTF8.GetBytes(key), value is null ? null : Encoding.UTF8.GetBytes(value),
            headers, timestamp, partition, cancellationToken);

    /// <summary>Completes once every record produced before the call has its outcome; lingering batches are sent at once.</summary>
    public Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Actor.Tell(new FlushWithCompletion(done), ActorRefs.NoSender);
        return done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Flushes (bounded by delivery.timeout), then stops the producer; a connection it created is closed too.</summary>
    public ValueTask DisposeAsync() => CloseAsync(Timeout.InfiniteTimeSpan);

    /// <summary>Flushes for at most <paramref name="timeout"/>, then stops the producer, failing records still without an outcome.</summary>
    public async ValueTask CloseAsync(TimeSpan timeout)
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        try
        {
            await FlushAsync().WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // What is left fails below with a clear error instead of waiting longer.
        }

        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Actor.Tell(new CloseProducer(closed), ActorRefs.NoSender);
        await closed.Task.ConfigureAwait(false);
        foreach (var record in _stage.Close())
            ((TaskCompletionSource<DeliveryResult>)record.ReplyTo!).TrySetException(new ObjectDisposedException(nameof(ProducerClient), "the producer closed before the record was handed over"));
        if (_ownsConnection) await _connection.DisposeAsync().ConfigureAwait(false);
    }

    private async Task<DeliveryResult> ProduceWhenMemoryFreesAsync(string topic, byte[]? key, byte[]? value, IReadOnlyList<RecordHeader>? headers,
        long? timestamp, int? partition, int size, CancellationToken cancellationToken)
    {
        if (!await _memory.ReserveAsync(size, _settings.MaxBlock, cancellationToken).ConfigureAwait(false))
            throw new BrokerException(ErrorCode.RequestTimedOut,
                $"buffer.memory ({_settings.BufferMemory} bytes) stayed full for max.block ({_settings.MaxBlock.TotalMilliseconds:0} ms); the record was not sent");
        return await Stage(topic, key, value, headers, timestamp, partition, size).ConfigureAwait(false);
    }

    private Task<DeliveryResult> Stage(string topic, byte[]? key, byte[]? value, IReadOnlyList<RecordHeader>? headers, long? timestamp, int? partition, int size)
    {
        var completion = new TaskCompletionSource<DeliveryResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var record = new PendingRecord(topic, key, value, headers, timestamp ?? WallClock.NowMs, partition ?? -1, completion, MonotonicClock.NowMs, size);
        switch (_stage.Add(in record))
        {
            case StageResult.AddedDrainNeeded:
                Actor.Tell(DrainStage.Instance, ActorRefs.NoSender);
                break;
            case StageResult.Closed:
                _memory.Release(size);
                throw new ObjectDisposedException(nameof(ProducerClient));
        }

        return completion.Task;
    }
}
