using System.Globalization;
using System.Text;

namespace ActorBroker.FaultTests.Checking;

/// <summary>The checker's findings and each fault's recovery as plain-text tables, for test output and docs.</summary>
public static class ReportTable
{
    public static string Format(CheckResult result, IReadOnlyList<FaultOutcome> faults, TimeSpan recoveryDeadline)
    {
        var text = new StringBuilder();
        text.AppendLine("CHECK                      COUNT  EXAMPLES");
        Row(text, "sent", result.Sent);
        Row(text, "acked", result.Acked);
        Row(text, "failed (outcome unknown)", result.Failed);
        Row(text, "read", result.Read);
        Row(text, "lost (acked, never read)", result.Lost.Count, result.Lost.Select(a => $"{a.Value} at {a.Partition}@{a.Offset}"));
        Row(text, "unexpected (never sent)", result.Unexpected.Count, result.Unexpected.Select(r => $"{r.Value} at {r.Partition}@{r.Offset}"));
        Row(text, "offset mismatches", result.OffsetMismatches.Count, result.OffsetMismatches);
        Row(text, "duplicated", result.Duplicated.Count, result.Duplicated);
        Row(text, "order inversions", result.OrderInversions.Count, result.OrderInversions);
        Row(text, "failed but read", result.FailedButRead);
        Row(text, "replicas that differ", result.ReplicasDiffer.Count, result.ReplicasDiffer);
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"CYCLE  {"FAULT",-18}  {"INJECTED",8}  {"HEALED",8}  {"RECOVERY",9}  {"ISR FULL",9}  DESCRIPTION");
        foreach (var f in faults)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{f.Cycle,5}  {f.Kind,-18}  {Seconds(f.Injected),8}  {Seconds(f.Healed),8}  {Seconds(f.Recovery),9}  {Seconds(f.Whole),9}  {f.Description}{(f.Notes.Length > 0 ? $" ({f.Notes})" : "")}");
        }

        var recoveries = faults.Where(f => f.Recovery is not null).Select(f => f.Recovery!.Value.TotalSeconds).Order().ToList();
        var missed = faults.Count(f => f.Recovery is null || f.Recovery > recoveryDeadline);
        text.AppendLine(CultureInfo.InvariantCulture,
            $"recovery: {recoveries.Count} of {faults.Count} faults recovered; {Quantiles(recoveries)}; {missed} missed the {recoveryDeadline.TotalSeconds:0} s deadline");
        return text.ToString();
    }

    /// <summary>min / median / p90 / max of the recovery times, in seconds.</summary>
    public static string Quantiles(IReadOnlyList<double> sortedSeconds)
    {
        if (sortedSeconds.Count == 0) return "no recovery times";
        double At(double q) => sortedSeconds[(int)Math.Min(sortedSeconds.Count - 1, Math.Round(q * (sortedSeconds.Count - 1)))];
        return string.Create(CultureInfo.InvariantCulture, $"min {At(0):0.0} s, median {At(0.5):0.0} s, p90 {At(0.9):0.0} s, max {At(1):0.0} s");
    }

    private static void Row(StringBuilder text, string name, int count, IEnumerable<string>? examples = null)
    {
        var shown = examples?.Take(5).ToList() ?? [];
        text.AppendLine(CultureInfo.InvariantCulture, $"{name,-25}  {count,5}  {string.Join("; ", shown)}{(count > shown.Count && shown.Count > 0 ? "; ..." : "")}");
    }

    private static string Seconds(TimeSpan? time) => time is { } t ? t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s" : "never";
}
