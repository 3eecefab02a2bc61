using ActorBroker.Protocol;

namespace ActorBroker.Cli.Quickstart;

/// <summary>
/// What happened to each numbered record: where it was acknowledged, why it failed, and where and how often it was
/// consumed. Thread-safe: outcomes arrive on the producer's continuations.
/// </summary>
internal sealed class DeliveryLedger
{
    private readonly object _gate = new();
    private readonly int[] _ackPartition;
    private readonly long[] _ackOffset;
    private readonly int[] _consumedCount;
    private readonly bool[] _seenAtAckedOffset;
    private readonly Dictionary<string, int> _failures = new(StringComparer.Ordinal);
    private readonly Dictionary<int, long> _lastConsumedByPartition = [];
    private int _produced;
    private int _acknowledged;
    private int _failed;
    private int _consumed;
    private int _outOfOrder;
    private int _acknowledgedConsumed;

    public DeliveryLedger(int records)
    {
        _ackPartition = new int[records];
        _ackOffset = new long[records];
        _consumedCount = new int[records];
        _seenAtAckedOffset = new bool[records];
        Array.Fill(_ackOffset, -1);
    }

    public int Records => _ackOffset.Length;

    public int ProducedCount => Volatile.Read(ref _produced);

    public int Acknowledged => Volatile.Read(ref _acknowledged);

    public int Failed => Volatile.Read(ref _failed);

    public void Produced() => Interlocked.Increment(ref _produced);

    public void Acknowledge(int record, int partition, long offset)
    {
        lock (_gate)
        {
            _ackPartition[record] = partition;
            _ackOffset[record] = offset;
            _acknowledged++;
        }
    }

    /// <summary>The record's outcome is a failure; counted by error code (or exception type when there is no code).</summary>
    public void Fail(Exception error)
    {
        var code = error is BrokerException broker ? broker.Code.ToString() : error.GetType().Name;
        lock (_gate)
        {
            _failed++;
            _failures[code] = _failures.GetValueOrDefault(code) + 1;
        }
    }

    /// <summary>A consumed record; <paramref name="record"/> is its number, read from its key, or -1 when the key is no record number of this run.</summary>
    public void Consume(int record, int partition, long offset)
    {
        lock (_gate)
        {
            _consumed++;
            if ((uint)record >= (uint)Records) return;
            if (_ackPartition[record] == partition && _ackOffset[record] == offset) _seenAtAckedOffset[record] = true;
            if (_consumedCount[record]++ > 0) return;
            if (_ackOffset[record] >= 0) _acknowledgedConsumed++;
            // Per partition, first copies must follow the record numbers: one producer, one request in flight per node.
            if (_lastConsumedByPartition.TryGetValue(partition, out var last) && record < last) _outOfOrder++;
            _lastConsumedByPartition[partition] = record;
        }
    }

    /// <summary>Every acknowledged record has been consumed at least once.</summary>
    public bool AllAcknowledgedConsumed()
    {
        lock (_gate) return _acknowledgedConsumed == _acknowledged;
    }

    public LedgerSummary Summarize()
    {
        lock (_gate)
        {
            int distinct = 0, lost = 0, duplicated = 0, failedButConsumed = 0, misplaced = 0;
            var lostExamples = new List<int>();
            for (var i = 0; i < Records; i++)
            {
                var count = _consumedCount[i];
                if (count > 0) distinct++;
                if (count > 1) duplicated++;
                if (_ackOffset[i] < 0 && count > 0) failedButConsumed++;
                if (_ackOffset[i] >= 0 && count > 0 && !_seenAtAckedOffset[i]) misplaced++;
                if (_ackOffset[i] >= 0 && count == 0)
                {
                    lost++;
                    if (lostExamples.Count < 10) lostExamples.Add(i);
                }
            }

            return new LedgerSummary(_produced, _acknowledged, _failed, new Dictionary<string, int>(_failures), _consumed, distinct, lost, duplicated,
                failedButConsumed, _outOfOrder, misplaced, lostExamples);
        }
    }
}

/// <summary>
/// The ledger's totals. <c>Consumed</c> counts every record read, <c>Distinct</c> the record numbers among them;
/// <c>Misplaced</c> counts acknowledged records consumed, but never at the partition and offset their acknowledgement named.
/// </summary>
internal sealed record LedgerSummary(
    int Produced,
    int Acknowledged,
    int Failed,
    IReadOnlyDictionary<string, int> FailuresByCode,
    int Consumed,
    int Distinct,
    int Lost,
    int Duplicated,
    int FailedButConsumed,
    int OutOfOrder,
    int Misplaced,
    IReadOnlyList<int> LostExamples);
