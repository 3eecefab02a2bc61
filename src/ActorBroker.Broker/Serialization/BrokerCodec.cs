using System.Buffers;
using ActorBroker.Broker.Controller;
using ActorBroker.Broker.Membership;
using ActorBroker.Broker.Metadata;
using ActorBroker.Broker.Partitions;
using ActorBroker.Protocol.Serialization;

namespace ActorBroker.Broker.Serialization;

/// <summary>
/// The binary encoding of the broker's own messages between nodes (metadata images to the nodes' caches, ISR changes
/// to the controller, partition deletion, leader-epoch queries between replicas) and of the controller's journal
/// events. Built on the protocol's <see cref="WireWriter"/> and <see cref="WireReader"/>; malformed input throws
/// <see cref="FormatException"/>. Records are written field by field in declaration order: add fields at the end.
/// </summary>
internal static partial class BrokerCodec
{
    /// <summary>Every type this codec encodes; <see cref="IControllerEvent"/> stands for all the controller's events.</summary>
    public static IReadOnlyList<Type> MessageTypes { get; } =
    [
        typeof(RegisterMetadataCache), typeof(MetadataCacheRegistered), typeof(ReRegisterMetadataCache), typeof(MetadataStored), typeof(UpdateMetadata), typeof(StoreMetadata), typeof(MetadataUpdated),
        typeof(GetLocalImage), typeof(LocalImage), typeof(DeletePartition), typeof(PartitionDeleted), typeof(AlterPartition),
        typeof(AlterPartitionResponse), typeof(LeaderEpochEndOffsetRequest), typeof(LeaderEpochEndOffsetResponse), typeof(IControllerEvent),
        typeof(LinkViewRequest), typeof(LinkView),
    ];

    public static string? ManifestOf(object message) => ControlPlaneManifest(message) ?? ControllerEventManifest(message);

    public static bool TryWrite(object message, IBufferWriter<byte> output)
    {
        var w = new WireWriter(output);
        return TryWriteControlPlane(message, w) || TryWriteControllerEvent(message, w);
    }

    /// <exception cref="FormatException">The bytes are malformed or the manifest is unknown.</exception>
    public static object Read(ReadOnlySpan<byte> bytes, string manifest)
    {
        try
        {
            var r = new WireReader(bytes);
            var message = ReadControlPlane(ref r, manifest) ?? ReadControllerEvent(ref r, manifest) ?? throw new FormatException($"unknown manifest '{manifest}'");
            r.ExpectEnd();
            return message;
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException)
        {
            throw new FormatException(e.Message, e);
        }
    }
}
