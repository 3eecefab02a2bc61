using System.Collections.Immutable;

namespace ActorBroker.Cluster;

/// <summary>
/// A vector clock over gossip versions: one counter per node that changed the gossip, keyed by the node's
/// <c>UniqueAddress.ToString()</c> (so a restarted node starts a fresh counter). It tells whether one gossip
/// supersedes another or the two were changed concurrently and must be merged. Immutable; a missing node
/// counts as 0.
/// </summary>
public sealed class VectorClock
{
    private readonly ImmutableSortedDictionary<string, long> _versions;

    private VectorClock(ImmutableSortedDictionary<string, long> versions) => _versions = versions;

    public static VectorClock Empty { get; } = new(ImmutableSortedDictionary.Create<string, long>(StringComparer.Ordinal));

    /// <summary>The counters, in ordinal order of the node keys.</summary>
    public IReadOnlyDictionary<string, long> Versions => _versions;

    /// <summary>A clock with the given counters; counters of 0 or less are dropped, as they carry no history.</summary>
    public static VectorClock Create(IEnumerable<KeyValuePair<string, long>> versions)
    {
        ArgumentNullException.ThrowIfNull(versions);
        var builder = ImmutableSortedDictionary.CreateBuilder<string, long>(StringComparer.Ordinal);
        foreach (var (node, version) in versions)
        {
            if (version > 0) builder[node] = version;
        }

        return new VectorClock(builder.ToImmutable());
    }

    /// <summary>This clock with <paramref name="node"/>'s counter one higher: <paramref name="node"/> changed the gossip.</summary>
    public VectorClock Increment(string node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return new VectorClock(_versions.SetItem(node, Get(node) + 1));
    }

    /// <summary>The least clock that is after or the same as both: the counter-wise maximum.</summary>
    public VectorClock Merge(VectorClock other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var merged = _versions;
        foreach (var (node, version) in other._versions)
        {
            if (version > Get(node)) merged = merged.SetItem(node, version);
        }

        return ReferenceEquals(merged, _versions) ? this : new VectorClock(merged);
    }

    /// <summary>This clock without <paramref name="node"/>: used once the node is removed, so clocks do not grow forever.</summary>
    public VectorClock Prune(string node)
    {
        var pruned = _versions.Remove(node);
        return ReferenceEquals(pruned, _versions) ? this : new VectorClock(pruned);
    }

    public VectorClockOrdering Compare(VectorClock other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var someLess = false;
        var someGreater = false;
        foreach (var node in _versions.Keys.Union(other._versions.Keys))
        {
            var c = Get(node).CompareTo(other.Get(node));
            someLess |= c < 0;
            someGreater |= c > 0;
        }

        return (someLess, someGreater) switch
        {
            (false, false) => VectorClockOrdering.Same,
            (true, false) => VectorClockOrdering.Before,
            (false, true) => VectorClockOrdering.After,
            _ => VectorClockOrdering.Concurrent,
        };
    }

    public bool IsBefore(VectorClock other) => Compare(other) == VectorClockOrdering.Before;

    public bool IsAfter(VectorClock other) => Compare(other) == VectorClockOrdering.After;

    public bool IsSameAs(VectorClock other) => Compare(other) == VectorClockOrdering.Same;

    public bool IsConcurrentWith(VectorClock other) => Compare(other) == VectorClockOrdering.Concurrent;

    public override string ToString() => $"VectorClock({string.Join(", ", _versions.Select(v => $"{v.Key} -> {v.Value}"))})";

    private long Get(string node) => _versions.TryGetValue(node, out var version) ? version : 0;
}
