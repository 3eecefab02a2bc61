namespace ActorBroker.FaultTests.Nemeses;

/// <summary>Every fault kind by name, so a run can be given a list such as <c>kill,pause-short</c> (or <c>all</c>).</summary>
public static class NemesisCatalog
{
    private static readonly Dictionary<string, Func<INemesis>> Kinds = new(StringComparer.Ordinal)
    {
        ["kill"] = () => new KillAndRestart(restartOnceRemoved: true),
        ["kill-early"] = () => new KillAndRestart(restartOnceRemoved: false),
        ["kill-controller"] = () => new KillController(),
        ["kill-two"] = () => new KillTwoNodes(),
        ["pause-short"] = () => new PauseNode(longerThanFailureDetector: false),
        ["pause-long"] = () => new PauseNode(longerThanFailureDetector: true),
        ["restart-first-seed"] = () => new RestartFirstSeed(),
        ["cut-link"] = () => new CutLink(),
        ["isolate-node"] = () => new IsolateNode(),
    };

    public static IReadOnlyCollection<string> Names => Kinds.Keys;

    /// <summary>The nemeses named in a comma-separated list; <c>all</c> means every kind.</summary>
    public static IReadOnlyList<INemesis> Parse(string list) =>
        list.Trim() == "all"
            ? [.. Kinds.Values.Select(make => make())]
            : [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(name =>
                Kinds.TryGetValue(name, out var make) ? make() : throw new ArgumentException($"unknown fault kind '{name}'; known: {string.Join(", ", Kinds.Keys)}"))];
}
