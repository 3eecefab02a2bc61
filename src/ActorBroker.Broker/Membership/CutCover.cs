namespace ActorBroker.Broker.Membership;

/// <summary>
/// Which members to down when some pairs of members cannot reach each other: the fewest members such that no cut
/// remains between two members kept (a minimum vertex cover of the graph of cuts), and among covers of that size the
/// one that keeps the older members (the controller and the shard coordinator run on the oldest). One cut link
/// between two of three nodes downs one node, the younger of the two, where a resolver that downs every member with
/// a cut downs both.
/// </summary>
internal static class CutCover
{
    // Exact search tries subsets by size: fine for the handful of members a cut touches; past this, greedy.
    private const int ExactLimit = 16;

    /// <param name="cuts">Pairs of members that cannot reach each other (one way is enough).</param>
    /// <param name="oldestFirst">The members, oldest first; a member not listed counts as the youngest.</param>
    public static IReadOnlyList<T> MembersToDown<T>(IEnumerable<(T A, T B)> cuts, IReadOnlyList<T> oldestFirst) where T : notnull
    {
        var age = new Dictionary<T, int>();
        for (var i = 0; i < oldestFirst.Count; i++) age.TryAdd(oldestFirst[i], i);
        int Rank(T member) => age.TryGetValue(member, out var rank) ? rank : int.MaxValue;

        var edges = cuts.Where(c => !c.A.Equals(c.B)).Select(c => Rank(c.A) <= Rank(c.B) ? (A: c.A, B: c.B) : (A: c.B, B: c.A)).Distinct().ToList();
        if (edges.Count == 0) return [];
        var youngestFirst = edges.SelectMany(e => new[] { e.A, e.B }).Distinct().OrderByDescending(Rank).ToList();
        return youngestFirst.Count <= ExactLimit ? Exact(edges, youngestFirst) : Greedy(edges, youngestFirst);
    }

    /// <summary>Subsets by size, each size's combinations in youngest-first order: the first cover found is the answer.</summary>
    private static IReadOnlyList<T> Exact<T>(List<(T A, T B)> edges, List<T> youngestFirst) where T : notnull
    {
        for (var size = 1; size <= youngestFirst.Count; size++)
            foreach (var chosen in Combinations(youngestFirst.Count, size))
            {
                var cover = new HashSet<T>(chosen.Select(i => youngestFirst[i]));
                if (edges.All(e => cover.Contains(e.A) || cover.Contains(e.B))) return [.. chosen.Select(i => youngestFirst[i])];
            }

        return youngestFirst; // unreachable: all vertices always cover
    }

    private static IEnumerable<int[]> Combinations(int n, int size)
    {
        var indices = Enumerable.Range(0, size).ToArray();
        while (true)
        {
            yield return [.. indices];
            var i = size - 1;
            while (i >= 0 && indices[i] == n - size + i) i--;
            if (i < 0) yield break;
            indices[i]++;
            for (var j = i + 1; j < size; j++) indices[j] = indices[j - 1] + 1;
        }
    }

    /// <summary>The member with the most cuts left, the younger on a tie, until none is left.</summary>
    private static IReadOnlyList<T> Greedy<T>(List<(T A, T B)> edges, List<T> youngestFirst) where T : notnull
    {
        var left = new List<(T A, T B)>(edges);
        var chosen = new List<T>();
        while (left.Count > 0)
        {
            var next = youngestFirst.MaxBy(m => left.Count(e => e.A.Equals(m) || e.B.Equals(m)))!; // MaxBy keeps the first of equals
            chosen.Add(next);
            left.RemoveAll(e => e.A.Equals(next) || e.B.Equals(next));
        }

        return chosen;
    }
}
