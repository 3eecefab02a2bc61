using System.Buffers.Binary;
using System.Text;
using ActorBroker.Protocol.Messages;

namespace ActorBroker.Protocol.Serialization;

/// <summary>Bounds-checked reads of <see cref="WireWriter"/>'s fields; anything malformed throws <see cref="FormatException"/>.</summary>
public ref struct WireReader(ReadOnlySpan<byte> bytes)
{
    private readonly ReadOnlySpan<byte> _bytes = bytes;
    private int _position;

    public readonly int Remaining => _bytes.Length - _position;

    public short Int16() => BinaryPrimitives.ReadInt16BigEndian(Take(2));

    public int Int32() => BinaryPrimitives.ReadInt32BigEndian(Take(4));

    public long Int64() => BinaryPrimitives.ReadInt64BigEndian(Take(8));

    public string? String()
    {
        var count = Int16();
        return count == -1 ? null : Encoding.UTF8.GetString(Take(count));
    }

    public string RequiredString() => String() ?? throw new FormatException("a required string is null");

    public string? LongString()
    {
        var count = Int32();
        return count == -1 ? null : Encoding.UTF8.GetString(Take(count));
    }

    public TopicPartition TopicPartition() => new(RequiredString(), Int32());

    public Guid Guid() => new(Take(16), bigEndian: true);

    /// <summary>
    /// An int32 element count (-1 for null when <paramref name="nullable"/>), checked against the bytes left so that a
    /// forged count cannot make the reader allocate more than the message holds.
    /// </summary>
    public int Count(int minElementBytes, bool nullable = false)
    {
        var count = Int32();
        if (count == -1 && nullable) return -1;
        if (count < 0 || (long)count * minElementBytes > Remaining) throw new FormatException($"count {count} does not fit the {Remaining} bytes left");
        return count;
    }

    public List<string>? StringList()
    {
        var count = Count(minElementBytes: 2, nullable: true);
        if (count == -1) return null;
        var list = new List<string>(count);
        for (var i = 0; i < count; i++) list.Add(RequiredString());
        return list;
    }

    public List<string> RequiredStringList() => StringList() ?? throw new FormatException("a required list is null");

    /// <summary>Broker nodes as <see cref="WireWriter.BrokerNodes"/> writes them (metadata responses and images share it).</summary>
    public List<BrokerNode> BrokerNodes()
    {
        var count = Count(minElementBytes: 6);
        var nodes = new List<BrokerNode>(count);
        for (var i = 0; i < count; i++) nodes.Add(new BrokerNode(RequiredString(), LongString() ?? throw new FormatException("a broker path is null")));
        return nodes;
    }

    public Dictionary<string, string> StringMap()
    {
        var count = Count(minElementBytes: 4);
        var map = new Dictionary<string, string>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var key = RequiredString();
            if (!map.TryAdd(key, RequiredString())) throw new FormatException($"key '{key}' appears twice");
        }
        return map;
    }

    /// <summary>Bytes as <see cref="WireWriter.SizedBytes"/> writes them, copied.</summary>
    public byte[] SizedBytes() => Take(Int32()).ToArray();

    public ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > Remaining) throw new FormatException($"field of {count} bytes does not fit the {Remaining} bytes left");
        var span = _bytes.Slice(_position, count);
        _position += count;
        return span;
    }

    public readonly void ExpectEnd()
    {
        if (Remaining != 0) throw new FormatException($"{Remaining} unexpected bytes after the message");
    }
}
