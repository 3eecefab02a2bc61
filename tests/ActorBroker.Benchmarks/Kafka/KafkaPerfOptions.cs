namespace ActorBroker.Benchmarks.Kafka;

/// <summary>The <c>--name value</c> pairs of the Kafka perf modes, with the required ones checked.</summary>
internal static class KafkaPerfOptions
{
    public static Dictionary<string, string> Parse(string[] args, string usage, params string[] required)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2) options[args[i]] = args[i + 1];
        foreach (var name in required)
            if (!options.ContainsKey(name)) throw new ArgumentException($"{name} is required: {usage}");
        return options;
    }
}
