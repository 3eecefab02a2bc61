using ActorBroker.Cli.Quickstart;

namespace ActorBroker.Cli.Commands;

/// <summary>
/// <c>quickstart</c>: a three-node cluster in this process, a replicated topic, a leader killed and restarted under
/// acks=all load, and a check that every acknowledged record can be consumed (docs/quickstart.md).
/// </summary>
internal sealed class QuickstartCommand : ICommand
{
    public int Words => 1;

    public string Usage => QuickstartOptions.Usage;

    public string Description => "run 3 nodes in this process, kill and restart a leader under acks=all load, and count lost records";

    public bool Matches(string[] args) => args is ["quickstart", ..];

    public int Run(string[] args, TextWriter output) => new QuickstartRun(QuickstartOptions.From(args), output).RunAsync().GetAwaiter().GetResult();
}
