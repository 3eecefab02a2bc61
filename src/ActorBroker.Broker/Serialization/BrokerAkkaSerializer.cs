using System.Buffers;
using ActorBroker.Protocol.Serialization;
using Akka.Actor;

namespace ActorBroker.Broker.Serialization;

/// <summary>Akka.NET's serializer of the broker's node-to-node messages and controller events (<see cref="BrokerCodec"/>).</summary>
public sealed class BrokerAkkaSerializer(ExtendedActorSystem system) : CodecAkkaSerializer(system)
{
    public const int Id = 101;

    public override int Identifier => Id;

    protected override string WhatItEncodes => "broker control message";

    protected override string? ManifestOf(object message) => BrokerCodec.ManifestOf(message);

    protected override bool TryWrite(object message, IBufferWriter<byte> output) => BrokerCodec.TryWrite(message, output);

    protected override object Read(byte[] bytes, string manifest) => BrokerCodec.Read(bytes, manifest);
}
