using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace ActorBroker.Actors.Serialization;

/// <summary>Strings (UTF-8), integers, longs, booleans and doubles, little-endian, with a one-letter manifest.</summary>
public sealed class PrimitiveSerializer : Serializer
{
    public const int Id = 5;

    public override int Identifier => Id;

    public override string Manifest(object obj) => obj switch
    {
        string => "S",
        int => "I",
        long => "L",
        bool => "B",
        double => "D",
        _ => throw new SerializationException($"PrimitiveSerializer cannot serialize {obj.GetType().FullName}"),
    };

    public override void ToBinary(object obj, IBufferWriter<byte> output)
    {
        switch (obj)
        {
            case string s:
                var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(s.Length));
                output.Advance(Encoding.UTF8.GetBytes(s, span));
                break;
            case int i:
                BinaryPrimitives.WriteInt32LittleEndian(output.GetSpan(4), i);
                output.Advance(4);
                break;
            case long l:
                BinaryPrimitives.WriteInt64LittleEndian(output.GetSpan(8), l);
                output.Advance(8);
                break;
            case bool b:
                output.GetSpan(1)[0] = b ? (byte)1 : (byte)0;
                output.Advance(1);
                break;
            case double d:
                BinaryPrimitives.WriteDoubleLittleEndian(output.GetSpan(8), d);
                output.Advance(8);
                break;
            default:
                throw new SerializationException($"PrimitiveSerializer cannot serialize {obj.GetType().FullName}");
        }
    }

    public override object FromBinary(ReadOnlySpan<byte> bytes, string manifest) => manifest switch
    {
        "S" => Encoding.UTF8.GetString(bytes),
        "I" when bytes.Length == 4 => BinaryPrimitives.ReadInt32LittleEndian(bytes),
        "L" when bytes.Length == 8 => BinaryPrimitives.ReadInt64LittleEndian(bytes),
        "B" when bytes.Length == 1 => bytes[0] != 0,
        "D" when bytes.Length == 8 => BinaryPrimitives.ReadDoubleLittleEndian(bytes),
        _ => throw new SerializationException($"PrimitiveSerializer: manifest '{manifest}' with {bytes.Length} bytes is not a known primitive"),
    };
}
