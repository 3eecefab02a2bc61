using System.Buffers;
using System.Text;
using ActorBroker.Actors.Serialization;

namespace ActorBroker.Cluster.Serialization;

/// <summary>
/// The frame of the cluster's binary control-message serializers: a subclass writes and reads fields with a
/// BinaryWriter/BinaryReader, and every read error (truncation, bad lengths, bad text) becomes one
/// SerializationException naming the manifest, so a malformed message from the network is rejected, never thrown on.
/// </summary>
internal abstract class BinaryMessageSerializer : Serializer
{
    /// <summary>What the messages are, for error texts: e.g. "cluster message".</summary>
    protected abstract string Describes { get; }

    public sealed override void ToBinary(object obj, IBufferWriter<byte> output)
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true)) Write(w, obj);
        output.Write(stream.GetBuffer().AsSpan(0, (int)stream.Length));
    }

    public sealed override object FromBinary(ReadOnlySpan<byte> bytes, string manifest)
    {
        using var stream = new MemoryStream(bytes.ToArray(), writable: false);
        using var r = new BinaryReader(stream, Encoding.UTF8);
        try
        {
            return Read(r, manifest);
        }
        catch (Exception e) when (e is EndOfStreamException or FormatException or IOException or ArgumentException or InvalidOperationException)
        {
            throw new SerializationException($"malformed {Describes} '{manifest}': {e.Message}", e);
        }
    }

    /// <summary>Writes the fields of <paramref name="obj"/>, whose manifest is <see cref="Serializer.Manifest"/>.</summary>
    protected abstract void Write(BinaryWriter w, object obj);

    /// <summary>Reads a message written by <see cref="Write"/>; throws on an unknown manifest.</summary>
    protected abstract object Read(BinaryReader r, string manifest);

    protected static void WriteStrings(BinaryWriter w, IReadOnlyCollection<string> items)
    {
        w.Write(items.Count);
        foreach (var item in items) w.Write(item);
    }

    /// <summary>A counted list of strings; a count above <paramref name="limit"/> is rejected before anything is allocated.</summary>
    protected static string[] ReadStrings(BinaryReader r, int limit = 100_000)
    {
        var count = r.ReadInt32();
        if (count < 0 || count > limit) throw new FormatException($"implausible count {count}");
        var items = new string[count];
        for (var i = 0; i < count; i++) items[i] = r.ReadString();
        return items;
    }
}
