using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using ActorBroker.Actors;
using ActorBroker.Actors.Serialization;

namespace ActorBroker.Remote.Serialization;

/// <summary>
/// Compact binary for the runtime's own small messages that cross nodes: Identify/ActorIdentity (remote
/// selections), PoisonPill, Kill, Status replies (remote Ask) and the remote watcher's heartbeats.
/// </summary>
public sealed class MiscMessageSerializer(ActorSystem system) : Serializer
{
    public const int Id = 6;

    public override int Identifier => Id;

    public override string Manifest(object obj) => obj switch
    {
        Identify => "I",
        ActorIdentity => "A",
        PoisonPill => "P",
        Kill => "K",
        Status.Success => "S",
        Status.Failure => "F",
        RemoteWatcher.Heartbeat => "H",
        RemoteWatcher.HeartbeatResponse => "HR",
        _ => throw new SerializationException($"MiscMessageSerializer cannot serialize {obj.GetType().FullName}"),
    };

    public override void ToBinary(object obj, IBufferWriter<byte> output)
    {
        switch (obj)
        {
            case Identify identify:
                WriteNested(identify.MessageId, output);
                break;
            case ActorIdentity identity:
                WriteNested(identity.MessageId, output);
                WriteString(identity.Subject?.Path.ToSerializationFormat() ?? "", output);
                break;
            case Status.Success success:
                WriteNested(success.Status, output);
                break;
            case Status.Failure failure:
                WriteString(failure.Cause.GetType().FullName ?? failure.Cause.GetType().Name, output);
                WriteString(failure.Cause.Message, output);
                break;
            case RemoteWatcher.HeartbeatResponse response:
                BinaryPrimitives.WriteInt64LittleEndian(output.GetSpan(8), response.Uid);
                output.Advance(8);
                break;
        }
    }

    public override object FromBinary(ReadOnlySpan<byte> bytes, string manifest)
    {
        var position = 0;
        switch (manifest)
        {
            case "I":
                return new Identify(ReadNested(bytes, ref position));
            case "A":
            {
                var messageId = ReadNested(bytes, ref position);
                var path = ReadString(bytes, ref position);
                return new ActorIdentity(messageId, path.Length == 0 ? null : system.Provider.ResolveActorRef(ActorPath.Parse(path)));
            }

            case "P":
                return PoisonPill.Instance;
            case "K":
                return Kill.Instance;
            case "S":
                return new Status.Success(ReadNested(bytes, ref position));
            case "F":
            {
                var type = ReadString(bytes, ref position);
                return new Status.Failure(new RemoteFailureException(type, ReadString(bytes, ref position)));
            }

            case "H":
                return RemoteWatcher.Heartbeat.Instance;
            case "HR":
                return bytes.Length == 8
                    ? new RemoteWatcher.HeartbeatResponse(BinaryPrimitives.ReadInt64LittleEndian(bytes))
                    : throw new SerializationException($"heartbeat response must be 8 bytes, was {bytes.Length}");
            default:
                throw new SerializationException($"MiscMessageSerializer does not know manifest '{manifest}'");
        }
    }

    private void WriteNested(object? value, IBufferWriter<byte> output)
    {
        if (value is null)
        {
            WriteInt(0, output);
            return;
        }

        var payload = system.Serialization.Serialize(value);
        WriteInt(payload.SerializerId, output);
        WriteString(payload.Manifest, output);
        WriteInt(payload.Payload.Length, output);
        output.Write(payload.Payload);
    }

    private object? ReadNested(ReadOnlySpan<byte> bytes, ref int position)
    {
        var serializerId = ReadInt(bytes, ref position);
        if (serializerId == 0) return null;
        var manifest = ReadString(bytes, ref position);
        var length = ReadInt(bytes, ref position);
        var payload = Take(bytes, ref position, length);
        return system.Serialization.Deserialize(payload, serializerId, manifest);
    }

    private static void WriteInt(int value, IBufferWriter<byte> output)
    {
        BinaryPrimitives.WriteInt32LittleEndian(output.GetSpan(4), value);
        output.Advance(4);
    }

    private static void WriteString(string value, IBufferWriter<byte> output)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        WriteInt(bytes.Length, output);
        output.Write(bytes);
    }

    private static int ReadInt(ReadOnlySpan<byte> bytes, ref int position) =>
        BinaryPrimitives.ReadInt32LittleEndian(Take(bytes, ref position, 4));

    private static string ReadString(ReadOnlySpan<byte> bytes, ref int position) =>
        Encoding.UTF8.GetString(Take(bytes, ref position, ReadInt(bytes, ref position)));

    private static ReadOnlySpan<byte> Take(ReadOnlySpan<byte> bytes, ref int position, int count)
    {
        if (count < 0 || count > bytes.Length - position)
            throw new SerializationException($"truncated payload: needed {count} bytes at offset {position} of {bytes.Length}");
        var slice = bytes.Slice(position, count);
        position += count;
        return slice;
    }
}

/// <summary>An exception from another node, rebuilt from its type name and message (the original type may not exist here).</summary>
public sealed class RemoteFailureException(string remoteType, string message) : Exception($"{remoteType}: {message}")
{
    public string RemoteType { get; } = remoteType;
}
