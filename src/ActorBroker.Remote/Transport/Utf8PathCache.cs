using System.Text;

namespace ActorBroker.Remote.Transport;

/// <summary>
/// Maps path strings as they arrive in frames (UTF-8) to resolved refs without allocating or decoding per
/// message: entries are keyed by the UTF-8 bytes and looked up by span. Owned by one connection's reader loop;
/// bounded by clearing when full.
/// </summary>
internal sealed class Utf8PathCache<T> where T : class
{
    private readonly Dictionary<byte[], T> _entries = new(Utf8KeyComparer.Instance);
    private readonly Dictionary<byte[], T>.AlternateLookup<ReadOnlySpan<byte>> _bySpan;
    private readonly int _capacity;
    private byte[] _lastKey = [];
    private T? _lastValue;

    public Utf8PathCache(int capacity)
    {
        _capacity = capacity;
        _bySpan = _entries.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    /// <summary>The cached value for <paramref name="utf8"/> if <paramref name="isValid"/> still holds, else <paramref name="resolve"/>'s.</summary>
    public T GetOrResolve(ReadOnlySpan<byte> utf8, Func<string, T> resolve, Func<T, bool> isValid, Func<T, bool> isCacheable)
    {
        // Consecutive frames mostly repeat the previous path: one byte comparison instead of hashing it.
        if (_lastValue is not null && utf8.SequenceEqual(_lastKey) && isValid(_lastValue)) return _lastValue;
        if (_bySpan.TryGetValue(utf8, out var key, out var cached) && isValid(cached))
        {
            _lastKey = key;
            _lastValue = cached;
            return cached;
        }

        var value = resolve(Encoding.UTF8.GetString(utf8));
        if (isCacheable(value))
        {
            if (_entries.Count >= _capacity) _entries.Clear();
            key = utf8.ToArray();
            _entries[key] = value;
            _lastKey = key;
            _lastValue = value;
        }

        return value;
    }

    private sealed class Utf8KeyComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static readonly Utf8KeyComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => GetHashCode(obj.AsSpan());

        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<byte> alternate)
        {
            // HashCode is seeded per process, so peers cannot choose paths that collide.
            var hash = new HashCode();
            hash.AddBytes(alternate);
            return hash.ToHashCode();
        }

        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
    }
}
