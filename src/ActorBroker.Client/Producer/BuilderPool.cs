using ActorBroker.Protocol.Records;

namespace ActorBroker.Client.Producer;

/// <summary>
/// Batch builders of one producer, reused: a builder's pooled buffer stays with it, so opening a batch allocates
/// nothing. Only partitions with an open batch hold one.
/// </summary>
internal sealed class BuilderPool(int maxBatchBytes, int capacity = 64) : IDisposable
{
    private readonly Stack<RecordBatchBuilder> _free = new();

    public RecordBatchBuilder Rent() => _free.TryPop(out var builder) ? builder : new RecordBatchBuilder(maxBatchBytes);

    public void Return(RecordBatchBuilder builder)
    {
        builder.Reset();
        if (_free.Count < capacity) _free.Push(builder);
        else builder.Dispose();
    }

    public void Dispose()
    {
        while (_free.TryPop(out var builder)) builder.Dispose();
    }
}
