using Akka.Actor;
using Akka.Serialization;

namespace ActorBroker.Journal.Tests.Support;

/// <summary>An event whose serializer always fails, as the journal TCK's rejection case uses.</summary>
public sealed record Unserializable(string Why);

/// <summary>The serializer bound to <see cref="Unserializable"/>: throws on every call.</summary>
public sealed class FailingSerializer(ExtendedActorSystem system) : Serializer(system)
{
    public override int Identifier => 4712;

    public override bool IncludeManifest => false;

    public override byte[] ToBinary(object obj) => throw new InvalidOperationException($"{obj} cannot be serialized");

    public override object FromBinary(byte[] bytes, Type type) => throw new InvalidOperationException("Nothing to deserialize");
}
