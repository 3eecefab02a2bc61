namespace ActorBroker.Hocon.Values;

/// <summary>An ordered list of values; elements are only replaced by the resolver, before publication.</summary>
internal sealed class HoconArray(HoconOrigin origin, List<HoconValue> elements) : HoconValue(origin)
{
    public List<HoconValue> Elements { get; } = elements;
}
