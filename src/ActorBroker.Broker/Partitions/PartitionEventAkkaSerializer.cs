using System.Buffers;
using System.Runtime.InteropServices;
using ActorBroker.Protocol.Records;
using ActorBroker.Protocol.Serialization;
using Akka.Actor;

namespace ActorBroker.Broker.Partitions;

/// <summary>
/// Akka.NET's serializer of the partition log's journal events (<see cref="PartitionEventCodec"/>). A record batch
/// that owns a whole array is handed to the journal as that array and read back by wrapping the stored array: one
/// journal event per batch with no copy on either side.
/// </summary>
public sealed class PartitionEventAkkaSerializer(ExtendedActorSystem system) : CodecAkkaSerializer(system)
{
    public const int Id = 102;

    public override int Identifier => Id;

    protected override string WhatItEncodes => "partition journal event";

    public override byte[] ToBinary(object obj) =>
        obj is RecordBatch batch && MemoryMarshal.TryGetArray(batch.Bytes, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : base.ToBinary(obj);

    protected override string? ManifestOf(object message) => PartitionEventCodec.ManifestOf(message);

    protected override bool TryWrite(object message, IBufferWriter<byte> output) => PartitionEventCodec.TryWrite(message, output);

    protected override object Read(byte[] bytes, string manifest) => PartitionEventCodec.Read(bytes, manifest);
}
