using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using ActorBroker.Protocol.Messages;

namespace ActorBroker.Protocol.Serialization;

/// <summary>Big-endian fields written straight into the transport's pooled buffer.</summary>
public readonly struct WireWriter(IBufferWriter<byte> output)
{
    public void Int16(short value)
    {
        BinaryPrimitives.WriteInt16BigEndian(output.GetSpan(2), value);
        output.Advance(2);
    }

    public void Int32(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(output.GetSpan(4), value);
        output.Advance(4);
    }

    public void Int64(long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(output.GetSpan(8), value);
        output.Advance(8);
    }

    /// <summary>int16 byte count (-1 for null), then UTF-8.</summary>
    public void String(string? value)
    {
        if (value is null)
        {
            Int16(-1);
            return;
        }
        var count = Encoding.UTF8.GetByteCount(value);
        if (count > short.MaxValue) throw new ArgumentException($"string of {count} bytes is too long for the wire (limit {short.MaxValue})");
        Int16((short)count);
        Encoding.UTF8.GetBytes(value, output.GetSpan(count));
        output.Advance(count);
    }

    /// <summary>Long text such as error messages: int32 byte count (-1 for null), then UTF-8.</summary>
    public void LongString(string? value)
    {
        if (value is null)
        {
            Int32(-1);
            return;
        }
        var count = Encoding.UTF8.GetByteCount(value);
        Int32(count);
        Encoding.UTF8.GetBytes(value, output.GetSpan(count));
        output.Advance(count);
    }

    public void Bytes(ReadOnlySpan<byte> bytes) => output.Write(bytes);

    /// <summary>int32 byte count, then the bytes (salts and keys).</summary>
    public void SizedBytes(ReadOnlySpan<byte> bytes)
    {
        Int32(bytes.Length);
        output.Write(bytes);
    }

    public void Guid(Guid value)
    {
        value.TryWriteBytes(output.GetSpan(16), bigEndian: true, out _);
        output.Advance(16);
    }

    /// <summary>int32 count (-1 for null), then each string.</summary>
    public void StringList(IReadOnlyCollection<string>? values)
    {
        if (values is null)
        {
            Int32(-1);
            return;
        }
        Int32(values.Count);
        foreach (var value in values) String(value);
    }

    /// <summary>int32 count, then each node's id and actor path.</summary>
    public void BrokerNodes(IReadOnlyList<BrokerNode> nodes)
    {
        Int32(nodes.Count);
        foreach (var node in nodes)
        {
            String(node.Id);
            LongString(node.BrokerPath);
        }
    }

    public void StringMap(IReadOnlyDictionary<string, string> map)
    {
        Int32(map.Count);
        foreach (var (key, value) in map)
        {
            String(key);
            String(value);
        }
    }

    public void TopicPartition(TopicPartition tp)
    {
        String(tp.Topic);
        Int32(tp.Partition);
    }
}
