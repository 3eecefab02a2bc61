namespace ActorBroker.Hocon.Values;

/// <summary>
/// A node of the HOCON tree. Objects, arrays and scalars survive resolution; substitutions,
/// concatenations and delayed merges exist only between parsing and resolution.
/// </summary>
internal abstract class HoconValue(HoconOrigin origin)
{
    public HoconOrigin Origin { get; } = origin;

    /// <summary>True for nodes whose final shape is only known after substitutions are resolved.</summary>
    public virtual bool IsUnresolved => false;
}
