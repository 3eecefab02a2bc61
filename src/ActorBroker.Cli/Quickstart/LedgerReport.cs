namespace ActorBroker.Cli.Quickstart;

/// <summary>The quickstart's final table: what was produced, acknowledged, failed and consumed, and what went missing.</summary>
internal static class LedgerReport
{
    public static void Print(LedgerSummary s, TextWriter output)
    {
        var failures = s.FailuresByCode.Count == 0 ? "" : string.Join(", ", s.FailuresByCode.OrderByDescending(f => f.Value).Select(f => $"{f.Key} {f.Value:N0}"));
        Row(output, "produced", s.Produced, "records sent with acks=all");
        Row(output, "acknowledged", s.Acknowledged, "delivered: the ISR has them");
        Row(output, "failed", s.Failed, failures);
        Row(output, "consumed", s.Consumed, $"{s.Distinct:N0} distinct record numbers");
        Row(output, "lost", s.Lost, "acknowledged but never consumed" + (s.LostExamples.Count > 0 ? $", e.g. {string.Join(", ", s.LostExamples)}" : ""));
        Row(output, "duplicated", s.Duplicated, "record numbers consumed more than once (a retry after a lost answer)");
        if (s.FailedButConsumed > 0) Row(output, "failed, yet stored", s.FailedButConsumed, "reported failed (outcome unknown) but consumed");
        if (s.OutOfOrder > 0) Row(output, "out of order", s.OutOfOrder, "consumed before a lower record number of their partition");
        if (s.Misplaced > 0) Row(output, "misplaced", s.Misplaced, "acknowledged, but not found at the offset the acknowledgement named");
    }

    private static void Row(TextWriter output, string name, int value, string note) =>
        output.WriteLine($"  {name,-20} {value,10:N0}   {note}".TrimEnd());
}
