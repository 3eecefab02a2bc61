using System.Buffers;
using System.Text;
using ActorBroker.Actors;
using ActorBroker.Actors.Serialization;

namespace ActorBroker.Cluster.Client;

/// <summary>
/// Binary encoding of the cluster client's messages (id 8): Send and SendToAll carry the user message as itself
/// (its own serializer id, manifest and bytes, nested), never re-encoded; the control messages are a few strings.
/// Every read is bounds-checked and fails as SerializationException.
/// </summary>
internal sealed class ClusterClientMessageSerializer(ActorSystem system) : Serializer
{
    public const int Id = 8;

    private static readonly Type[] BoundTypes =
    [
        typeof(ClusterClient.Send), typeof(ClusterClient.SendToAll), typeof(GetContacts), typeof(Contacts),
        typeof(ClientHeartbeat), typeof(ClientHeartbeatResponse), typeof(ServicesSnapshot),
    ];

    public override int Identifier => Id;

    /// <summary>Adds the serializer and its bindings to <paramref name="system"/>; calling it again is harmless.</summary>
    public static void Register(ActorSystem system)
    {
        system.Serialization.AddSerializer(new ClusterClientMessageSerializer(system));
        foreach (var type in BoundTypes) system.Serialization.Bind(type, Id);
    }

    public override string Manifest(object obj) => obj switch
    {
        ClusterClient.Send => "S",
        ClusterClient.SendToAll => "SA",
        GetContacts => "GC",
        Contacts => "C",
        ClientHeartbeat => "H",
        ClientHeartbeatResponse => "HR",
        ServicesSnapshot => "SS",
        _ => throw new SerializationException($"ClusterClientMessageSerializer cannot serialize {obj.GetType().FullName}"),
    };

    public override void ToBinary(object obj, IBufferWriter<byte> output)
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            switch (obj)
            {
                case ClusterClient.Send s:
                    w.Write(s.Path);
                    w.Write(s.LocalAffinity);
                    WriteNested(w, s.Message);
                    break;
                case ClusterClient.SendToAll s:
                    w.Write(s.Path);
                    WriteNested(w, s.Message);
                    break;
                case Contacts c:
                    WriteStrings(w, c.ContactPoints);
                    break;
                case ServicesSnapshot s:
                    WriteStrings(w, s.ServicePaths);
                    break;
            }
        }

        output.Write(stream.GetBuffer().AsSpan(0, (int)stream.Length));
    }

    public override object FromBinary(ReadOnlySpan<byte> bytes, string manifest)
    {
        using var stream = new MemoryStream(bytes.ToArray(), writable: false);
        using var r = new BinaryReader(stream, Encoding.UTF8);
        try
        {
            return manifest switch
            {
                "S" => new ClusterClient.Send(r.ReadString(), LocalAffinity: r.ReadBoolean(), Message: ReadNested(r)),
                "SA" => new ClusterClient.SendToAll(r.ReadString(), ReadNested(r)),
                "GC" => GetContacts.Instance,
                "C" => new Contacts(ReadStrings(r)),
                "H" => ClientHeartbeat.Instance,
                "HR" => ClientHeartbeatResponse.Instance,
                "SS" => new ServicesSnapshot(ReadStrings(r)),
                _ => throw new SerializationException($"ClusterClientMessageSerializer does not know manifest '{manifest}'"),
            };
        }
        catch (Exception e) when (e is EndOfStreamException or FormatException or IOException or ArgumentException)
        {
            throw new SerializationException($"malformed cluster client message '{manifest}': {e.Message}", e);
        }
    }

    private void WriteNested(BinaryWriter w, object message)
    {
        var payload = system.Serialization.Serialize(message);
        w.Write(payload.SerializerId);
        w.Write(payload.Manifest);
        w.Write(payload.Payload.Length);
        w.Write(payload.Payload);
    }

    private object ReadNested(BinaryReader r)
    {
        var serializerId = r.ReadInt32();
        var manifest = r.ReadString();
        var length = r.ReadInt32();
        if (length < 0 || length > r.BaseStream.Length - r.BaseStream.Position)
            throw new FormatException($"nested message length {length} exceeds the message");
        return system.Serialization.Deserialize(r.ReadBytes(length), serializerId, manifest);
    }

    private static void WriteStrings(BinaryWriter w, IReadOnlyList<string> items)
    {
        w.Write(items.Count);
        foreach (var item in items) w.Write(item);
    }

    private static List<string> ReadStrings(BinaryReader r)
    {
        var count = r.ReadInt32();
        if (count < 0 || count > 100_000) throw new FormatException($"implausible count {count}");
        var items = new List<string>(count);
        for (var i = 0; i < count; i++) items.Add(r.ReadString());
        return items;
    }
}
