namespace ActorBroker.Hocon.Values;

/// <summary>Non-destructive merging of resolved objects, shared by concatenation and WithFallback.</summary>
internal static class HoconMerge
{
    /// <summary>Returns a new object holding <paramref name="winner"/> layered over <paramref name="fallback"/>.</summary>
    public static HoconObject Objects(HoconObject winner, HoconObject fallback)
    {
        var merged = new HoconObject(winner.Origin) { IsResolved = winner.IsResolved && fallback.IsResolved };
        foreach (var key in winner.Keys)
        {
            var mine = winner.Get(key)!;
            merged.Set(key, mine is HoconObject mineObject && fallback.Get(key) is HoconObject theirs
                ? Objects(mineObject, theirs)
                : mine);
        }

        foreach (var key in fallback.Keys)
        {
            if (winner.Get(key) is null)
                merged.Set(key, fallback.Get(key)!);
        }

        return merged;
    }
}
