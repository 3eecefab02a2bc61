using System.Buffers;
using ActorBroker.Protocol.Messages;

namespace ActorBroker.Protocol.Serialization;

/// <summary>
/// The binary encoding of every message in the broker contract, independent of the actor runtime that carries it: the
/// runtime's serializer (<see cref="ProtocolAkkaSerializer"/>) only adapts it. A manifest of one or two letters names
/// the message type. Malformed input throws <see cref="FormatException"/>; the adapter turns it into its runtime's
/// serialization error, which the transport logs and drops, so it never reaches an actor.
/// </summary>
public static partial class ProtocolCodec
{
    /// <summary>Every message type this codec encodes: all of <see cref="ActorBroker.Protocol.Messages"/>' top-level messages.</summary>
    public static IReadOnlyList<Type> MessageTypes { get; } =
    [
        typeof(ProduceRequest), typeof(ProduceResponse), typeof(FetchRequest), typeof(FetchResponse), typeof(ListOffsetsRequest),
        typeof(ListOffsetsResponse), typeof(MetadataRequest), typeof(MetadataResponse), typeof(CreateTopicRequest), typeof(DeleteTopicRequest),
        typeof(CreatePartitionsRequest), typeof(TopicAdminResponse), typeof(AlterPartitionReassignmentsRequest), typeof(DescribeClusterRequest),
        typeof(DescribeClusterResponse), typeof(AlterUserCredentialRequest), typeof(CreateAclsRequest), typeof(DeleteAclsRequest),
        typeof(SecurityAdminResponse), typeof(DescribeSecurityRequest), typeof(DescribeSecurityResponse),
    ];

    /// <summary>The manifest of <paramref name="message"/>, or null when it is not a message of the broker contract.</summary>
    public static string? ManifestOf(object message) => message switch
    {
        ProduceRequest => ProduceRequestManifest,
        ProduceResponse => ProduceResponseManifest,
        FetchRequest => FetchRequestManifest,
        FetchResponse => FetchResponseManifest,
        ListOffsetsRequest => ListOffsetsRequestManifest,
        ListOffsetsResponse => ListOffsetsResponseManifest,
        MetadataRequest => MetadataRequestManifest,
        MetadataResponse => MetadataResponseManifest,
        CreateTopicRequest => CreateTopicManifest,
        DeleteTopicRequest => DeleteTopicManifest,
        CreatePartitionsRequest => CreatePartitionsManifest,
        TopicAdminResponse => TopicAdminResponseManifest,
        AlterPartitionReassignmentsRequest => ReassignManifest,
        DescribeClusterRequest => DescribeClusterRequestManifest,
        DescribeClusterResponse => DescribeClusterResponseManifest,
        AlterUserCredentialRequest => AlterUserCredentialManifest,
        CreateAclsRequest => CreateAclsManifest,
        DeleteAclsRequest => DeleteAclsManifest,
        SecurityAdminResponse => SecurityAdminResponseManifest,
        DescribeSecurityRequest => DescribeSecurityRequestManifest,
        DescribeSecurityResponse => DescribeSecurityResponseManifest,
        _ => null,
    };

    /// <summary>Writes <paramref name="message"/> to <paramref name="output"/>; false when it is not a message of the broker contract.</summary>
    public static bool TryWrite(object message, IBufferWriter<byte> output)
    {
        var w = new WireWriter(output);
        return TryWriteDataPath(message, w) || TryWriteAdministration(message, w) || TryWriteClusterDescription(message, w) || TryWriteSecurity(message, w);
    }

    /// <summary>Reads the message that <paramref name="manifest"/> names; the bytes must hold exactly that message.</summary>
    /// <exception cref="FormatException">The bytes are malformed or the manifest is unknown.</exception>
    public static object Read(ReadOnlySpan<byte> bytes, string manifest)
    {
        try
        {
            var r = new WireReader(bytes);
            var message = ReadDataPath(ref r, manifest) ?? ReadAdministration(ref r, manifest) ?? ReadClusterDescription(ref r, manifest) ?? ReadSecurity(ref r, manifest) ?? throw new FormatException($"unknown manifest '{manifest}'");
            r.ExpectEnd();
            return message;
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException)
        {
            // Record batches and topic partitions validate what they are built from; to the caller that is malformed input too.
            throw new FormatException(e.Message, e);
        }
    }
}
