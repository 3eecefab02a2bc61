namespace ActorBroker.Hocon.Values;

/// <summary>
/// An ordered set of fields. It is only mutated by the parser and the resolver, before any
/// <see cref="Config"/> can see it; afterwards it is read-only and safe to read from many threads.
/// </summary>
internal sealed class HoconObject(HoconOrigin origin) : HoconValue(origin)
{
    private readonly Dictionary<string, HoconValue> _fields = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    public IReadOnlyList<string> Keys => _order;

    public int Count => _order.Count;

    /// <summary>Set once the resolver has replaced every substitution below this object.</summary>
    public bool IsResolved { get; set; }

    public bool TryGet(string key, out HoconValue value) => _fields.TryGetValue(key, out value!);

    public HoconValue? Get(string key) => _fields.GetValueOrDefault(key);

    public void Set(string key, HoconValue value)
    {
        if (!_fields.ContainsKey(key))
            _order.Add(key);
        _fields[key] = value;
    }

    public void Remove(string key)
    {
        if (_fields.Remove(key))
            _order.Remove(key);
    }
}
