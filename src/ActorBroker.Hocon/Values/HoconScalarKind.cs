namespace ActorBroker.Hocon.Values;

internal enum HoconScalarKind
{
    String,
    Number,
    Boolean,
    Null,
}
