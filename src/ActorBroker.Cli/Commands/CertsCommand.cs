using ActorBroker.Tls;

namespace ActorBroker.Cli.Commands;

/// <summary>
/// Makes a cluster CA and certificates for nodes and clients (<see cref="CertificateDirectory"/>), and prints the
/// <c>actorbroker.tls</c> lines that use them. Run again on the same directory to issue more names from the same CA.
/// </summary>
internal sealed class CertsCommand : ICommand
{
    public int Words => 2;

    public string Usage => "certs create --out DIR [--names N1,N2,...] [--clients C1,...] [--password P] [--days D] [--ca-name NAME]";

    public string Description => "make a CA (unless DIR has one), a node certificate per --names and a client certificate per --clients (docs/security.md)";

    public bool Matches(string[] args) => args is ["certs", "create", ..];

    public int Run(string[] args, TextWriter output)
    {
        var line = new CommandLine(args, Usage, "--out", "--names", "--clients", "--password", "--days", "--ca-name");
        var directory = new CertificateDirectory(line.Required("--out"));
        var names = line.List("--names") ?? [];
        var clients = line.List("--clients") ?? [];
        if (names.Count + clients.Count == 0) throw new UsageException($"name at least one node (--names) or client (--clients); usage: {Usage}");
        if (names.Concat(clients).FirstOrDefault(n => !CertificateDirectory.IsValidName(n)) is { } bad)
            throw new UsageException($"'{bad}' is not a certificate name (letters, digits, '.', '-' and '_')");
        if (names.Intersect(clients).FirstOrDefault() is { } both)
            throw new UsageException($"'{both}' is named both in --names and in --clients: a certificate is a node's or a client's");
        var password = line["--password"] ?? "";
        var days = line.Int("--days", 1, 36500) ?? 825;
        var caName = line["--ca-name"] ?? "ActorBroker cluster CA";

        IReadOnlyList<string> written;
        try
        {
            written = directory.Create(names, password, TimeSpan.FromDays(days), caName, TimeProvider.System, clients);
        }
        catch (IOException e)
        {
            throw new NodeStartException($"certs create: {e.Message}", e);
        }

        foreach (var file in written) output.WriteLine($"wrote {file}");
        output.WriteLine();
        var first = names.Concat(clients).First();
        output.WriteLine($"In the config of the {(names.Count > 0 ? "node" : "client")} named {first} (the others alike, each with its own file):");
        output.WriteLine($$"""
            actorbroker.tls {
              enabled = on
              ca = {{HoconText.Quote(directory.CaCertificatePath)}}
              certificate = {{HoconText.Quote(directory.CertificatePath(first))}}
              password = {{(password.Length == 0 ? "\"\"" : "\"<the --password>\"")}}
            }
            """);
        if (password.Length == 0)
            output.WriteLine("The keys are not encrypted (no --password): only their files' permissions (owner only) protect them.");
        if (clients.Count > 0)
            output.WriteLine("Client certificates (--clients) reach only the broker's front actor; a node's certificate is trusted with everything.");
        output.WriteLine($"Keep {directory.CaKeyPath} off the nodes: whoever holds it can make certificates the cluster trusts.");
        return 0;
    }
}
