using System.Buffers.Binary;
using System.Text;
using ActorBroker.Protocol.Records;
using Record = ActorBroker.Protocol.Records.Record;

namespace ActorBroker.Protocol.Tests;

public class RecordBatchTests
{
    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    private static RecordBatch BuildBatch(int records, int valueSize = 10, long timestamp = 1_700_000_000_000)
    {
        using var builder = new RecordBatchBuilder(1024 * 1024);
        for (var i = 0; i < records; i++)
            Assert.True(builder.TryAppend(timestamp + i, Utf8($"key-{i}"), new byte[valueSize]));
        return builder.Build();
    }

    [Fact]
    public void Records_read_back_with_offsets_timestamps_keys_values_and_headers()
    {
        using var builder = new RecordBatchBuilder();
        builder.TryAppend(1000, Utf8("k1"), Utf8("v1"), [new RecordHeader("trace", Utf8("abc")), new RecordHeader("empty", null)]);
        builder.TryAppend(1005, null, Utf8("v2"));
        builder.TryAppend(999, [], null);
        var batch = builder.Build().WithOffsets(baseOffset: 42, partitionLeaderEpoch: 3);

        Assert.Equal((ErrorCode.None, (string?)null), batch.Validate(1_000_000));
        Assert.Equal((42L, 44L, 45L, 3, 3), (batch.BaseOffset, batch.LastOffset, batch.NextOffset, batch.RecordCount, batch.PartitionLeaderEpoch));
        Assert.Equal((1000L, 1005L), (batch.BaseTimestamp, batch.MaxTimestamp));

        var records = new List<Record>();
        foreach (var r in batch.Records) records.Add(r);
        Assert.Equal([42L, 43L, 44L], records.Select(r => r.Offset));
        Assert.Equal([1000L, 1005L, 999L], records.Select(r => r.Timestamp));
        Assert.Equal("k1", Encoding.UTF8.GetString(records[0].Key!.Value.Span));
        Assert.Null(records[1].Key);
        Assert.True(records[2].Key is { Length: 0 }, "an empty key stays empty, not null");
        Assert.Null(records[2].Value);
        Assert.Equal(["trace", "empty"], records[0].Headers.Select(h => h.Key));
        Assert.Equal("abc", Encoding.UTF8.GetString(records[0].Headers[0].Value!.Value.Span));
        Assert.Null(records[0].Headers[1].Value);
        Assert.Empty(records[1].Headers);
    }

    [Fact]
    public void Layout_is_Kafkas_v2_batch_header()
    {
        var batch = BuildBatch(2);
        var bytes = batch.Bytes.Span;
        Assert.Equal(bytes.Length - 12, BinaryPrimitives.ReadInt32BigEndian(bytes[8..]));
        Assert.Equal(2, bytes[16]);
        Assert.Equal(Crc32C.Compute(bytes[21..]), BinaryPrimitives.ReadUInt32BigEndian(bytes[17..]));
        Assert.Equal(-1L, BinaryPrimitives.ReadInt64BigEndian(bytes[43..]));
        Assert.Equal(2, BinaryPrimitives.ReadInt32BigEndian(bytes[57..]));
    }

    [Fact]
    public void Stamping_offsets_copies_and_keeps_the_crc_valid()
    {
        var original = BuildBatch(5);
        var stamped = original.WithOffsets(1_000, 7);
        Assert.Equal(0L, original.BaseOffset);
        Assert.Equal(1_000L, stamped.BaseOffset);
        Assert.Equal(original.Crc, stamped.Crc);
        Assert.Equal(ErrorCode.None, stamped.Validate(int.MaxValue).Error);
    }

    [Fact]
    public void Builder_stops_at_the_batch_size_but_always_takes_a_first_record()
    {
        using var builder = new RecordBatchBuilder(maxBatchBytes: 200);
        Assert.True(builder.TryAppend(0, null, new byte[500]), "an oversized first record still gets a batch");
        Assert.False(builder.TryAppend(0, null, new byte[1]));
        Assert.Equal(1, builder.Build().RecordCount);

        var appended = 0;
        while (builder.TryAppend(0, null, new byte[20])) appended++;
        var batch = builder.Build();
        Assert.Equal(appended, batch.RecordCount);
        Assert.True(batch.SizeInBytes <= 200);
        Assert.True(builder.IsEmpty);
    }

    [Fact]
    public void Building_an_empty_batch_is_refused()
    {
        using var builder = new RecordBatchBuilder();
        Assert.Throws<InvalidOperationException>(() => builder.Build());
    }

    [Fact]
    public void A_batch_over_the_limit_is_RecordTooLarge()
    {
        var batch = BuildBatch(10, valueSize: 100);
        var (error, message) = batch.Validate(batch.SizeInBytes - 1);
        Assert.Equal(ErrorCode.RecordTooLarge, error);
        Assert.Contains("max.message.bytes", message);
        Assert.Equal(ErrorCode.None, batch.Validate(batch.SizeInBytes).Error);
    }

    [Fact]
    public void A_flipped_bit_anywhere_under_the_crc_is_CorruptMessage()
    {
        var good = BuildBatch(3).Bytes.ToArray();
        for (var i = 21; i < good.Length; i++)
        {
            var bad = (byte[])good.Clone();
            bad[i] ^= 0x10;
            Assert.Equal(ErrorCode.CorruptMessage, new RecordBatch(bad).Validate(int.MaxValue).Error);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(12)]
    [InlineData(60)]
    public void Truncated_bytes_are_CorruptMessage(int length)
    {
        var bytes = BuildBatch(3).Bytes[..length];
        Assert.Equal(ErrorCode.CorruptMessage, new RecordBatch(bytes).Validate(int.MaxValue).Error);
    }

    [Fact]
    public void Wrong_length_magic_or_count_is_CorruptMessage_even_with_a_fresh_crc()
    {
        Assert.Equal(ErrorCode.CorruptMessage, Tamper(b => BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(8), b.Length)).Error);
        Assert.Equal(ErrorCode.CorruptMessage, Tamper(b => b[16] = 1).Error);
        Assert.Equal(ErrorCode.CorruptMessage, Tamper(b => BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(57), 4), recomputeCrc: true).Error);
        Assert.Equal(ErrorCode.CorruptMessage, Tamper(b => BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(57), -1), recomputeCrc: true).Error);
        Assert.Equal(ErrorCode.CorruptMessage, Tamper(b => BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(23), 7), recomputeCrc: true).Error);
        // A record length pointing past the end of the batch.
        Assert.Equal(ErrorCode.CorruptMessage, Tamper(b => b[61] = 0x7E, recomputeCrc: true).Error);
    }

    [Fact]
    public void Compressed_batches_are_refused_with_a_clear_code()
    {
        var (error, message) = Tamper(b => BinaryPrimitives.WriteInt16BigEndian(b.AsSpan(21), 1), recomputeCrc: true);
        Assert.Equal(ErrorCode.UnsupportedCompressionType, error);
        Assert.Contains("compression", message);
    }

    [Fact]
    public void Concatenated_batches_split_back_apart()
    {
        var first = BuildBatch(2).WithOffsets(0, 0);
        var second = BuildBatch(3).WithOffsets(2, 0);
        var joined = first.Bytes.ToArray().Concat(second.Bytes.ToArray()).ToArray();
        var split = RecordBatch.SplitConcatenated(joined);
        Assert.Equal([0L, 2L], split.Select(b => b.BaseOffset));
        Assert.Throws<InvalidDataException>(() => RecordBatch.SplitConcatenated(joined[..^1]));
    }

    private static (ErrorCode Error, string? Message) Tamper(Action<byte[]> change, bool recomputeCrc = false)
    {
        var bytes = BuildBatch(3).Bytes.ToArray();
        change(bytes);
        if (recomputeCrc) BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(17), Crc32C.Compute(bytes.AsSpan(21)));
        return new RecordBatch(bytes).Validate(int.MaxValue);
    }
}
