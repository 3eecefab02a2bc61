using System.Reflection;

namespace ActorBroker.Cli.Commands;

internal sealed class VersionCommand : ICommand
{
    public int Words => 1;

    public string Usage => "version";

    public string Description => "print the ActorBroker version";

    public bool Matches(string[] args) => args is ["version", ..] or ["--version", ..];

    public int Run(string[] args, TextWriter output)
    {
        var version = typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        output.WriteLine($"actorbroker {version}");
        return 0;
    }
}
