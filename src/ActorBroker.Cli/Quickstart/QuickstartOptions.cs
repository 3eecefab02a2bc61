using ActorBroker.Cli.Commands;

namespace ActorBroker.Cli.Quickstart;

/// <summary>What <c>actorbroker quickstart</c> was asked to do.</summary>
internal sealed record QuickstartOptions(int Records, int Partitions, int RecordsPerSecond, short MinInsyncReplicas, string? DataDirectory, bool KeepData)
{
    public const string Usage =
        "quickstart [--records N] [--partitions P] [--rate R] [--min-insync-replicas M] [--data-dir DIR] [--keep-data]";

    public static QuickstartOptions From(string[] args)
    {
        var line = new CommandLine(args, Usage, ["--records", "--partitions", "--rate", "--min-insync-replicas", "--data-dir"], ["--keep-data"]);
        return new QuickstartOptions(
            line.Int("--records", 3, 10_000_000) ?? 20_000,
            line.Int("--partitions", 1, 100) ?? 3,
            line.Int("--rate", 1, 1_000_000) ?? 1_000,
            (short)(line.Int("--min-insync-replicas", 1, 3) ?? 2),
            line["--data-dir"],
            line.Flag("--keep-data"));
    }
}
