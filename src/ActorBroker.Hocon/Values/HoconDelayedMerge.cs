namespace ActorBroker.Hocon.Values;

/// <summary>
/// A key assigned twice where the later value needs resolving first: if it turns out to be an
/// object the two merge, if it is an undefined optional substitution the earlier value stands,
/// otherwise the later value replaces the earlier one. This is what makes
/// <c>port = 2552, port = ${?PORT}</c> work.
/// </summary>
internal sealed class HoconDelayedMerge(HoconValue earlier, HoconValue later) : HoconValue(later.Origin)
{
    public HoconValue Earlier { get; } = earlier;

    public HoconValue Later { get; } = later;

    public override bool IsUnresolved => true;
}
