namespace ActorBroker.Kafka.Records;

/// <summary>One codec's inflation of a v2 batch's records section (what follows the 61-byte header).</summary>
internal interface IRecordsDecompressor
{
    /// <summary>
    /// Writes the uncompressed records to <paramref name="output"/>. False when they would not fit its
    /// <see cref="BoundedBuffer.Room"/>: the caller answers MESSAGE_TOO_LARGE. Damaged input throws whatever the codec
    /// throws on it; the caller answers CORRUPT_MESSAGE.
    /// </summary>
    bool TryDecompress(ReadOnlyMemory<byte> compressed, BoundedBuffer output);
}
