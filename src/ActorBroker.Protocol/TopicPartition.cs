using System.Globalization;

namespace ActorBroker.Protocol;

/// <summary>A partition of a topic. Its text form <c>topic-partition</c> is the partition's sharding entity id.</summary>
public readonly record struct TopicPartition(string Topic, int Partition)
{
    public override string ToString() => $"{Topic}-{Partition.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// Parses <c>topic-partition</c>. Topic names may contain '-', so the partition is what follows the last one.
    /// </summary>
    public static bool TryParse(string text, out TopicPartition partition)
    {
        partition = default;
        var dash = text.LastIndexOf('-');
        if (dash <= 0 || !int.TryParse(text.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var number)) return false;
        partition = new TopicPartition(text[..dash], number);
        return true;
    }
}
