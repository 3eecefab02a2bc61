using System.Globalization;

namespace ActorBroker.FaultTests.Checking;

/// <summary>A workload value, <c>producer:sequence</c>: unique per run, and ordered per producer by its sequence.</summary>
public readonly record struct RecordValue(string Producer, long Sequence)
{
    public override string ToString() => $"{Producer}:{Sequence.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Parses <c>producer:sequence</c>; anything else (a value the workload never writes) is null.</summary>
    public static RecordValue? TryParse(string value)
    {
        var colon = value.LastIndexOf(':');
        return colon > 0 && long.TryParse(value.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            ? new RecordValue(value[..colon], sequence)
            : null;
    }
}
