using ActorBroker.Tls;

namespace ActorBroker.Cli.Commands;

/// <summary>
/// Makes a cluster CA and certificates for nodes and clients (<see cref="CertificateDirectory"/>), and prints the
/// <c>actorbroker.tls</c> lines that use them. Run again on the same directory to issue more names from the same CA.
/// </summary>
internal sealed class CertsCommand : ICommand
{
    public int Words => 2;

    public string Usage => "certs create --out DIR --names N1,N2,... [--password P] [--days D] [--ca-name NAME]";

    public string Description => "make a CA (unless DIR has one) and a mutual-TLS certificate per name (docs/security.md)";

    public bool Matches(string[] args) => args is ["certs", "create", ..];

    public int Run(string[] args, TextWriter output)
    {
        var line = new CommandLine(args, Usage, "--out", "--names", "--password", "--days", "--ca-name");
        var directory = new CertificateDirectory(line.Required("--out"));
        var names = line.List("--names") is { Count: > 0 } list ? list : throw new UsageException($"--names needs at least one name; usage: {Usage}");
        if (names.FirstOrDefault(n => !CertificateDirectory.IsValidName(n)) is { } bad)
            throw new UsageException($"--names: '{bad}' is not a certificate name (letters, digits, '.', '-' and '_')");
        var password = line["--password"] ?? "";
        var days = line.Int("--days", 1, 36500) ?? 825;
        var caName = line["--ca-name"] ?? "ActorBroker cluster CA";

        IReadOnlyList<string> written;
        try
        {
            written = directory.Create(names, password, TimeSpan.FromDays(days), caName, TimeProvider.System);
        }
        catch (IOException e)
        {
            throw new NodeStartException($"certs create: {e.Message}", e);
        }

        foreach (var file in written) output.WriteLine($"wrote {file}");
        output.WriteLine();
        output.WriteLine($"In the config of the node or client named {names[0]} (the others alike, each with its own file):");
        output.WriteLine($$"""
            actorbroker.tls {
              enabled = on
              ca = {{HoconText.Quote(directory.CaCertificatePath)}}
              certificate = {{HoconText.Quote(directory.CertificatePath(names[0]))}}
              password = {{(password.Length == 0 ? "\"\"" : "\"<the --password>\"")}}
            }
            """);
        if (password.Length == 0)
            output.WriteLine("The keys are not encrypted (no --password): only their files' permissions (owner only) protect them.");
        output.WriteLine($"Keep {directory.CaKeyPath} off the nodes: whoever holds it can make certificates the cluster trusts.");
        return 0;
    }
}
