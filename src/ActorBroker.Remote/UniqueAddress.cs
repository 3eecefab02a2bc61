using ActorBroker.Actors;

namespace ActorBroker.Remote;

/// <summary>
/// One incarnation of a node: its address plus the random id it drew at start. A node restarted on
/// the same host and port has the same <see cref="Address"/> but a new <see cref="Uid"/>.
/// </summary>
public sealed record UniqueAddress(Address Address, long Uid) : IComparable<UniqueAddress>
{
    /// <summary>Orders by host, port, system, then uid: the order in which cluster leaders are chosen.</summary>
    public int CompareTo(UniqueAddress? other)
    {
        if (other is null) return 1;
        var c = AddressOrdering.Compare(Address, other.Address);
        return c != 0 ? c : Uid.CompareTo(other.Uid);
    }

    public override string ToString() => $"{Address}#{Uid}";
}

/// <summary>A total order over addresses, stable across nodes (so every node picks the same leader).</summary>
public static class AddressOrdering
{
    public static int Compare(Address x, Address y)
    {
        var c = string.CompareOrdinal(x.Host, y.Host);
        if (c != 0) return c;
        c = Nullable.Compare(x.Port, y.Port);
        if (c != 0) return c;
        c = string.CompareOrdinal(x.System, y.System);
        return c != 0 ? c : string.CompareOrdinal(x.Protocol, y.Protocol);
    }
}
