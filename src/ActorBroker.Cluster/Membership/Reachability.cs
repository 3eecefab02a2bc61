using System.Collections.Immutable;
using ActorBroker.Remote;

namespace ActorBroker.Cluster;

/// <summary>
/// Who considers whom unreachable: a table of (observer, subject) observations. Each observer owns its row and
/// numbers its changes, so when two gossips disagree the row with the higher observer version wins wholesale;
/// no row needs a vector clock. A subject is unreachable when at least one observer says so. Rows of observers
/// that see everyone as reachable are dropped, keeping the table small. Immutable.
/// </summary>
public sealed class Reachability
{
    private readonly ImmutableSortedDictionary<UniqueAddress, ImmutableSortedDictionary<UniqueAddress, ReachabilityRecord>> _rows;
    private readonly ImmutableSortedDictionary<UniqueAddress, long> _versions;

    private Reachability(
        ImmutableSortedDictionary<UniqueAddress, ImmutableSortedDictionary<UniqueAddress, ReachabilityRecord>> rows,
        ImmutableSortedDictionary<UniqueAddress, long> versions)
    {
        _rows = rows;
        _versions = versions;
        Records = [.. rows.Values.SelectMany(row => row.Values)];
        var terminated = Records.Where(r => r.Status == ReachabilityStatus.Terminated).Select(r => r.Subject).ToImmutableHashSet();
        var unreachable = Records.Where(r => r.Status == ReachabilityStatus.Unreachable).Select(r => r.Subject).ToImmutableHashSet();
        AllUnreachable = unreachable.Except(terminated);
        AllUnreachableOrTerminated = unreachable.Union(terminated);
        AllTerminated = terminated;
    }

    public static Reachability Empty { get; } = new(
        ImmutableSortedDictionary<UniqueAddress, ImmutableSortedDictionary<UniqueAddress, ReachabilityRecord>>.Empty,
        ImmutableSortedDictionary<UniqueAddress, long>.Empty);

    /// <summary>Every observation, ordered by observer then subject.</summary>
    public IReadOnlyList<ReachabilityRecord> Records { get; }

    /// <summary>How many times each observer has changed its row.</summary>
    public IReadOnlyDictionary<UniqueAddress, long> Versions => _versions;

    /// <summary>Subjects that at least one observer finds unreachable, excluding terminated ones.</summary>
    public ImmutableHashSet<UniqueAddress> AllUnreachable { get; }

    /// <summary>Subjects that at least one observer finds unreachable or terminated.</summary>
    public ImmutableHashSet<UniqueAddress> AllUnreachableOrTerminated { get; }

    /// <summary>Subjects that at least one observer knows to be terminated.</summary>
    public ImmutableHashSet<UniqueAddress> AllTerminated { get; }

    /// <summary>True when nobody finds anybody unreachable or terminated.</summary>
    public bool IsAllReachable => AllUnreachableOrTerminated.IsEmpty;

    /// <summary>A table restored as it was (decoding gossip); later records for the same pair win.</summary>
    internal static Reachability Restore(IEnumerable<ReachabilityRecord> records, IEnumerable<KeyValuePair<UniqueAddress, long>> versions)
    {
        var rows = ImmutableSortedDictionary<UniqueAddress, ImmutableSortedDictionary<UniqueAddress, ReachabilityRecord>>.Empty;
        foreach (var record in records)
        {
            var row = rows.GetValueOrDefault(record.Observer) ?? ImmutableSortedDictionary<UniqueAddress, ReachabilityRecord>.Empty;
            rows = rows.SetItem(record.Observer, row.SetItem(record.Subject, record));
        }

        return new Reachability(rows, ImmutableSortedDictionary.CreateRange(versions));
    }

    public Reachability Unreachable(UniqueAddress observer, UniqueAddress subject) => Change(observer, subject, ReachabilityStatus.Unreachable);

    public Reachability Reachable(UniqueAddress observer, UniqueAddress subject) => Change(observer, subject, ReachabilityStatus.Reachable);

    public Reachability Terminated(UniqueAddress observer, UniqueAddress subject) => Change(observer, subject, ReachabilityStatus.Terminated);

    /// <summary>
    /// Combines two tables: for each allowed observer keep the row of the side with the higher observer version
    /// (that side has seen every change the other has). Rows and versions of observers, and records of subjects,
    /// outside <paramref name="allowedObservers"/> (the merged members) are dropped.
    /// </summary>
    public Reachability Merge(IEnumerable<UniqueAddress> allowedObservers, Reachability other)
    {
        ArgumentNullException.ThrowIfNull(allowedObservers);
        ArgumentNullException.ThrowIfNull(other);
        var allowed = allowedObservers.ToImmutableHashSet();
        var rows = ImmutableSortedDictionary.CreateBuilder<UniqueAddress, ImmutableSortedDictionary<UniqueAddress, ReachabilityRecord>>();
        var versions = ImmutableSortedDictionary.CreateBuilder<UniqueAddress, long>();
        foreach (var observer in allowed)
        {
            var mine = _versions.GetValueOrDefault(observer);
            var theirs = other._versions.GetValueOrDefault(observer);
            // On equal versions the rows are the same observer's same state, so either will do.
            var row = theirs > mine ? other._rows.GetValueOrDefault(observer) : _rows.GetValueOrDefault(observer);
            var kept = row?.RemoveRange(row.Keys.Where(subject => !allowed.Contains(subject)));
            if (kept is { IsEmpty: false }) rows[observer] = kept;
            if (Math.Max(mine, theirs) > 0) versions[observer] = Math.Max(mine, theirs);
        }

        return new Reachability(rows.ToImmutable(), versions.ToImmutable());
    }

    /// <summary>This table without anything said by or about <paramref name="nodes"/> (they left the cluster).</summary>
    public Reachability Remove(IEnumerable<UniqueAddress> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var gone = nodes.ToImmutableHashSet();
        var rows = _rows.RemoveRange(gone);
        foreach (var (observer, row) in rows)
        {
            var kept = row.RemoveRange(gone);
            if (ReferenceEquals(kept, row)) continue;
            rows = kept.IsEmpty ? rows.Remove(observer) : rows.SetItem(observer, kept);
        }

        return new Reachability(rows, _versions.RemoveRange(gone));
    }

    /// <summary>This table without the observations of <paramref name="nodes"/> (e.g. downed nodes, whose view no longer counts).</summary>
    public Reachability RemoveObservers(IEnumerable<UniqueAddress> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var gone = nodes.ToImmutableHashSet();
        return new Reachability(_rows.RemoveRange(gone), _versions.RemoveRange(gone));
    }

    /// <summary>True unless some observer finds <paramref name="subject"/> unreachable or terminated.</summary>
    public bool IsReachable(UniqueAddress subject) => !AllUnreachableOrTerminated.Contains(subject);

    /// <summary>What <paramref name="observer"/> says about <paramref name="subject"/> is Reachable.</summary>
    public bool IsReachable(UniqueAddress observer, UniqueAddress subject) => Status(observer, subject) == ReachabilityStatus.Reachable;

    /// <summary>The aggregate view of <paramref name="subject"/>: Terminated beats Unreachable beats Reachable.</summary>
    public ReachabilityStatus Status(UniqueAddress subject) =>
        AllTerminated.Contains(subject) ? ReachabilityStatus.Terminated
        : AllUnreachable.Contains(subject) ? ReachabilityStatus.Unreachable
        : ReachabilityStatus.Reachable;

    public ReachabilityStatus Status(UniqueAddress observer, UniqueAddress subject) =>
        _rows.TryGetValue(observer, out var row) && row.TryGetValue(subject, out var record) ? record.Status : ReachabilityStatus.Reachable;

    /// <summary>The subjects <paramref name="observer"/> finds unreachable (not terminated).</summary>
    public ImmutableHashSet<UniqueAddress> AllUnreachableFrom(UniqueAddress observer) =>
        _rows.TryGetValue(observer, out var row)
            ? row.Values.Where(r => r.Status == ReachabilityStatus.Unreachable).Select(r => r.Subject).ToImmutableHashSet()
            : [];

    public override string ToString() =>
        $"Reachability({string.Join(", ", Records.Where(r => r.Status != ReachabilityStatus.Reachable).Select(r => $"{r.Observer} -> {r.Subject}: {r.Status} [{r.Version}]"))})";

    private Reachability Change(UniqueAddress observer, UniqueAddress subject, ReachabilityStatus status)
    {
        ArgumentNullException.ThrowIfNull(observer);
        ArgumentNullException.ThrowIfNull(subject);
        var version = _versions.GetValueOrDefault(observer) + 1;
        var versions = _versions.SetItem(observer, version);
        var record = new ReachabilityRecord(observer, subject, status, version);

        if (!_rows.TryGetValue(observer, out var row))
        {
            // No row means "all reachable", so a Reachable observation changes nothing.
            return status == ReachabilityStatus.Reachable ? this : new Reachability(_rows.Add(observer, ImmutableSortedDictionary<UniqueAddress, ReachabilityRecord>.Empty.Add(subject, record)), versions);
        }

        if (row.TryGetValue(subject, out var old) && (old.Status == ReachabilityStatus.Terminated || old.Status == status))
            return this;

        // Back to all reachable: drop the row, but keep the bumped version so the drop wins merges.
        if (status == ReachabilityStatus.Reachable && row.Values.All(r => r.Status == ReachabilityStatus.Reachable || r.Subject.Equals(subject)))
            return new Reachability(_rows.Remove(observer), versions);

        return new Reachability(_rows.SetItem(observer, row.SetItem(subject, record)), versions);
    }
}
