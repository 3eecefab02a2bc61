using System.Buffers;
using Akka.Actor;

namespace ActorBroker.Protocol.Serialization;

/// <summary>
/// Akka.NET's serializer for the broker contract: every message of <see cref="ProtocolCodec.MessageTypes"/>, in the
/// codec's binary form, record batches as the producer's bytes. Bound by <see cref="ProtocolAkkaSerialization.Config"/>,
/// which broker nodes and client systems both load, so no contract message ever falls back to Akka's JSON serializer.
/// </summary>
public sealed class ProtocolAkkaSerializer(ExtendedActorSystem system) : CodecAkkaSerializer(system)
{
    /// <summary>Akka reserves 0-40 for itself; the project's serializers start at 100.</summary>
    public const int Id = 100;

    public override int Identifier => Id;

    protected override string WhatItEncodes => "broker protocol message";

    protected override string? ManifestOf(object message) => ProtocolCodec.ManifestOf(message);

    protected override bool TryWrite(object message, IBufferWriter<byte> output) => ProtocolCodec.TryWrite(message, output);

    protected override object Read(byte[] bytes, string manifest) => ProtocolCodec.Read(bytes, manifest);
}
