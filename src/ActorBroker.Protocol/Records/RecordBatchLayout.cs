namespace ActorBroker.Protocol.Records;

/// <summary>
/// Byte offsets of the record batch header. This is Kafka's v2 ("magic 2") batch layout, big-endian:
/// the CRC covers everything from <see cref="Attributes"/> to the end, so the broker can stamp the base offset
/// and leader epoch on append without re-computing it or re-encoding a record.
/// </summary>
internal static class RecordBatchLayout
{
    public const int BaseOffset = 0;            // int64
    public const int BatchLength = 8;           // int32: bytes after this field
    public const int PartitionLeaderEpoch = 12; // int32
    public const int Magic = 16;                // int8
    public const int Crc = 17;                  // uint32, CRC-32C
    public const int Attributes = 21;           // int16: bits 0-2 compression, 3 timestamp type, 4 transactional, 5 control
    public const int LastOffsetDelta = 23;      // int32
    public const int BaseTimestamp = 27;        // int64
    public const int MaxTimestamp = 35;         // int64
    public const int ProducerId = 43;           // int64
    public const int ProducerEpoch = 51;        // int16
    public const int BaseSequence = 53;         // int32
    public const int RecordCount = 57;          // int32
    public const int Records = 61;

    /// <summary>Bytes before <see cref="BatchLength"/>'s count starts: base offset and the length field itself.</summary>
    public const int LogOverhead = 12;

    public const byte CurrentMagic = 2;
    public const short CompressionMask = 0x07;
}
