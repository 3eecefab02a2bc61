using ActorBroker.Actors;
using ActorBroker.Actors.Serialization;
using ActorBroker.Cluster.Serialization;

namespace ActorBroker.Cluster.Client;

/// <summary>
/// Binary encoding of the cluster client's messages (id 8): Send and SendToAll carry the user message as itself
/// (its own serializer id, manifest and bytes, nested), never re-encoded; the control messages are a few strings.
/// Every read is bounds-checked and fails as SerializationException.
/// </summary>
internal sealed class ClusterClientMessageSerializer(ActorSystem system) : BinaryMessageSerializer
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

    protected override string Describes => "cluster client message";

    protected override void Write(BinaryWriter w, object obj)
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

    protected override object Read(BinaryReader r, string manifest) => manifest switch
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
}
