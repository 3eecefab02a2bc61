namespace ActorBroker.Cli.Commands;

/// <summary>One sub-command of the executable, e.g. <c>config show</c>.</summary>
internal interface ICommand
{
    /// <summary>How many leading words name the command.</summary>
    int Words { get; }

    string Usage { get; }

    string Description { get; }

    bool Matches(string[] args);

    /// <summary>Runs with the arguments after the command words; returns the process exit code.</summary>
    int Run(string[] args, TextWriter output);
}

/// <summary>The command line is wrong: the message tells the user how to fix it.</summary>
internal sealed class UsageException(string message) : Exception(message);
