namespace ActorBroker.Cli.Commands;

/// <summary>
/// Reads <c>--name value</c> options and value-less <c>--flag</c>s; unknown options are usage errors that name the
/// command's usage.
/// </summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);
    private readonly string _usage;

    public CommandLine(string[] args, string usage, params string[] options)
        : this(args, usage, options, [])
    {
    }

    public CommandLine(string[] args, string usage, string[] options, string[] flags)
    {
        _usage = usage;
        for (var i = 0; i < args.Length; i++)
        {
            if (flags.Contains(args[i]))
            {
                _flags.Add(args[i]);
                continue;
            }
            if (!options.Contains(args[i])) throw new UsageException($"unexpected argument '{args[i]}'; usage: {usage}");
            if (i + 1 >= args.Length) throw new UsageException($"{args[i]} needs a value; usage: {usage}");
            _values[args[i]] = args[++i];
        }
    }

    public bool Flag(string flag) => _flags.Contains(flag);

    /// <summary>An option the command cannot do without.</summary>
    public string Required(string option) =>
        _values.TryGetValue(option, out var value) ? value : throw new UsageException($"{option} is required; usage: {_usage}");

    public long? Long(string option, long min, long max)
    {
        if (!_values.TryGetValue(option, out var text)) return null;
        return long.TryParse(text, out var value) && value >= min && value <= max
            ? value
            : throw new UsageException($"{option} must be a number from {min} to {max}, was '{text}'");
    }

    public string? this[string option] => _values.GetValueOrDefault(option);

    /// <summary>A comma-separated option as a list (empty entries dropped).</summary>
    public IReadOnlyList<string>? List(string option) =>
        _values.TryGetValue(option, out var value) ? value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : null;

    public int? Int(string option, int min, int max)
    {
        if (!_values.TryGetValue(option, out var text)) return null;
        return int.TryParse(text, out var value) && value >= min && value <= max
            ? value
            : throw new UsageException($"{option} must be a number from {min} to {max}, was '{text}'");
    }
}
