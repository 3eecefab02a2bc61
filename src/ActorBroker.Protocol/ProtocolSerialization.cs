using ActorBroker.Actors;
using ActorBroker.Actors.Serialization;
using ActorBroker.Protocol.Messages;
using ActorBroker.Protocol.Serialization;

namespace ActorBroker.Protocol;

/// <summary>
/// Binds the broker contract's messages to serializers on a system: the data path (produce, fetch, list offsets)
/// to the binary <see cref="ProtocolSerializer"/>, and metadata and topic administration, which are rare and small,
/// to JSON. Both broker nodes and clients call <see cref="Register"/> once at start; calling it again is harmless.
/// </summary>
public static class ProtocolSerialization
{
    private static readonly Type[] BinaryTypes =
        [typeof(ProduceRequest), typeof(ProduceResponse), typeof(FetchRequest), typeof(FetchResponse), typeof(ListOffsetsRequest), typeof(ListOffsetsResponse)];

    private static readonly Type[] JsonTypes =
        [typeof(MetadataRequest), typeof(MetadataResponse), typeof(CreateTopicRequest), typeof(DeleteTopicRequest), typeof(CreatePartitionsRequest), typeof(TopicAdminResponse),
         typeof(AlterPartitionReassignmentsRequest)];

    public static void Register(ActorSystem system)
    {
        system.Serialization.AddSerializer(new ProtocolSerializer());
        foreach (var type in BinaryTypes) system.Serialization.Bind(type, ProtocolSerializer.Id);
        foreach (var type in JsonTypes) system.Serialization.Bind(type, JsonMessageSerializer.Id);
    }
}
