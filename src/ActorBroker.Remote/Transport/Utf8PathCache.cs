using System.Text;

namespace ActorBroker.Remote.Transport;

/// <summary>
/// Maps path strings as they arrive in frames (UTF-8) to resolved refs without allocating a string per message:
/// the bytes are decoded into a stack buffer and looked up through a span-keyed view of the dictionary.
/// Owned by one connection's reader loop; bounded by clearing when full.
/// </summary>
internal sealed class Utf8PathCache<T> where T : class
{
    private const int StackLimit = 512;
    private readonly Dictionary<string, T> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, T>.AlternateLookup<ReadOnlySpan<char>> _bySpan;
    private readonly int _capacity;

    public Utf8PathCache(int capacity)
    {
        _capacity = capacity;
        _bySpan = _entries.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The cached value for <paramref name="utf8"/> if <paramref name="isValid"/> still holds, else <paramref name="resolve"/>'s.</summary>
    public T GetOrResolve(ReadOnlySpan<byte> utf8, Func<string, T> resolve, Func<T, bool> isValid, Func<T, bool> isCacheable)
    {
        if (utf8.Length <= StackLimit)
        {
            Span<char> chars = stackalloc char[StackLimit];
            var count = Encoding.UTF8.GetChars(utf8, chars);
            if (_bySpan.TryGetValue(chars[..count], out var cached) && isValid(cached)) return cached;
        }

        var text = Encoding.UTF8.GetString(utf8);
        var value = resolve(text);
        if (isCacheable(value))
        {
            if (_entries.Count >= _capacity) _entries.Clear();
            _entries[text] = value;
        }

        return value;
    }
}
