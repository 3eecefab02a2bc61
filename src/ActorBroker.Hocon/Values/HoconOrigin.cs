namespace ActorBroker.Hocon.Values;

/// <summary>Where a value was written, so errors can point the operator at the right line.</summary>
internal readonly record struct HoconOrigin(string Source, int Line, int Column)
{
    public static HoconOrigin Unknown { get; } = new("<unknown>", 0, 0);

    public bool IsKnown => Line > 0;

    public override string ToString() => IsKnown ? $"{Source}:{Line}" : Source;
}
