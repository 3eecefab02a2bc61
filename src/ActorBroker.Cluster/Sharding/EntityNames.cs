namespace ActorBroker.Cluster.Sharding;

/// <summary>Entity and shard ids as actor names: any id becomes a valid, unique path element, and back.</summary>
internal static class EntityNames
{
    /// <summary>
    /// Percent-encodes everything but letters, digits and <c>-._~</c>; a literal '+' never survives encoding, so
    /// names with '+' are free for the shard's own children. "." and ".." would be path steps: their dots are encoded too.
    /// </summary>
    public static string Encode(string id)
    {
        var encoded = Uri.EscapeDataString(id);
        return encoded is "." or ".." ? encoded.Replace(".", "%2E", StringComparison.Ordinal) : encoded;
    }

    public static string Decode(string name) => Uri.UnescapeDataString(name);
}
