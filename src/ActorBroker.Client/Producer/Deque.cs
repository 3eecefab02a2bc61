namespace ActorBroker.Client.Producer;

/// <summary>
/// A growable ring buffer with cheap adds at both ends and insertion anywhere: a partition's batches waiting to be
/// sent, where a retried batch goes back in front of the newer ones.
/// </summary>
internal sealed class Deque<T>
{
    private T[] _items = new T[4];
    private int _head;

    public int Count { get; private set; }

    public T this[int index] => _items[(_head + index) % _items.Length];

    public T First => Count > 0 ? _items[_head] : throw new InvalidOperationException("The deque is empty");

    public void AddLast(T item) => Insert(Count, item);

    public void Insert(int index, T item)
    {
        if (Count == _items.Length) Grow();
        if (index == 0)
        {
            _head = (_head - 1 + _items.Length) % _items.Length;
            _items[_head] = item;
        }
        else
        {
            for (var i = Count; i > index; i--) _items[(_head + i) % _items.Length] = _items[(_head + i - 1) % _items.Length];
            _items[(_head + index) % _items.Length] = item;
        }

        Count++;
    }

    public T RemoveFirst()
    {
        var item = First;
        _items[_head] = default!;
        _head = (_head + 1) % _items.Length;
        Count--;
        return item;
    }

    /// <summary>Removes the items that match, keeping the others in order; returns how many went.</summary>
    public int RemoveAll(Predicate<T> match, Action<T> removed)
    {
        var kept = 0;
        var total = Count;
        for (var i = 0; i < total; i++)
        {
            var item = this[i];
            if (match(item)) removed(item);
            else _items[(_head + kept++) % _items.Length] = item;
        }

        for (var i = kept; i < total; i++) _items[(_head + i) % _items.Length] = default!;
        Count = kept;
        return total - kept;
    }

    private void Grow()
    {
        var bigger = new T[_items.Length * 2];
        for (var i = 0; i < Count; i++) bigger[i] = this[i];
        _items = bigger;
        _head = 0;
    }
}
