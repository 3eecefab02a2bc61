using ActorBroker.Client;
using ActorBroker.Protocol.Security;

namespace ActorBroker.Cli.Commands;

/// <summary>
/// <c>users set|remove|list</c>: the SCRAM users of the Kafka door (Kafka's <c>kafka-configs --entity-type users</c>).
/// The password is salted and hashed here; the cluster stores only the SCRAM credential.
/// </summary>
internal sealed class UsersCommand : ICommand
{
    public int Words => 1;

    public string Usage =>
        $"users set|remove|list [--user U] [--password-file F|-] [--password P] [--mechanism SCRAM-SHA-256|SCRAM-SHA-512] [--iterations N] {ClientConfig.Options}";

    public string Description => "set or remove a Kafka client's SCRAM password, or list the users";

    public bool Matches(string[] args) => args is ["users", ..];

    public int Run(string[] args, TextWriter output)
    {
        if (args.Length == 0) throw new UsageException($"users needs an action; usage: {Usage}");
        var line = new CommandLine(args[1..], Usage, [.. ClientConfig.OptionNames, "--user", "--password", "--password-file", "--mechanism", "--iterations"], []);
        return RunAsync(args[0], line, output).GetAwaiter().GetResult();
    }

    private async Task<int> RunAsync(string action, CommandLine line, TextWriter output)
    {
        switch (action)
        {
            case "set":
            {
                var user = line.Required("--user");
                var password = Password(line);
                var mechanism = Mechanism(line);
                var iterations = line.Int("--iterations", ScramCredential.MinIterations, ScramCredential.MaxIterations) ?? ScramCredential.MinIterations;
                await using var admin = AdminClient.Create(ClientConfig.Build(line));
                await admin.SetUserPasswordAsync(user, password, mechanism, iterations).ConfigureAwait(false);
                output.WriteLine($"Set the {mechanism.SaslName()} password of user {user} ({iterations} iterations).");
                return 0;
            }
            case "remove":
            {
                var user = line.Required("--user");
                var mechanism = Mechanism(line);
                await using var admin = AdminClient.Create(ClientConfig.Build(line));
                await admin.RemoveUserCredentialAsync(user, mechanism).ConfigureAwait(false);
                output.WriteLine($"Removed the {mechanism.SaslName()} credential of user {user}.");
                return 0;
            }
            case "list":
            {
                await using var admin = AdminClient.Create(ClientConfig.Build(line));
                var security = await admin.DescribeSecurityAsync().ConfigureAwait(false);
                foreach (var user in security.Users)
                {
                    var mechanisms = user.Mechanisms.Select((m, i) => $"{m.SaslName()} (iterations {user.Iterations[i]})");
                    output.WriteLine($"User: {user.User}\tCredentials: {string.Join(", ", mechanisms)}");
                }
                return 0;
            }
            default:
                throw new UsageException($"unknown users action '{action}'; usage: {Usage}");
        }
    }

    /// <summary>From --password-file (a file's first line, or stdin for '-'), else --password (visible to other local users in the process list).</summary>
    private static string Password(CommandLine line)
    {
        if (line["--password-file"] is { } file)
        {
            var text = file == "-" ? Console.In.ReadLine() : File.Exists(file) ? File.ReadLines(file).FirstOrDefault() : throw new UsageException($"--password-file {file} does not exist");
            return string.IsNullOrEmpty(text) ? throw new UsageException($"--password-file {file} holds no password on its first line") : text;
        }

        return line["--password"] is { Length: > 0 } password ? password : throw new UsageException("users set needs --password-file F (or - for stdin) or --password P");
    }

    private static ScramMechanism Mechanism(CommandLine line) =>
        line["--mechanism"] is not { } name ? ScramMechanism.ScramSha256
        : ScramMechanisms.TryParse(name, out var mechanism) ? mechanism
        : throw new UsageException($"--mechanism must be SCRAM-SHA-256 or SCRAM-SHA-512, was '{name}'");
}
