namespace ActorBroker.Kafka.Wire;

/// <summary>
/// The versions of one API this listener serves, and the first flexible one (compact encodings, tagged fields and
/// header v2 from there on; <see cref="short.MaxValue"/> when none of the served versions is flexible).
/// </summary>
public readonly record struct ApiVersionRange(ApiKey Key, short Min, short Max, short FlexibleFrom)
{
    public bool Serves(short version) => version >= Min && version <= Max;

    public bool IsFlexible(short version) => version >= FlexibleFrom;
}
