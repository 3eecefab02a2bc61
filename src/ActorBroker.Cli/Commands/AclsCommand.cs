using ActorBroker.Client;
using ActorBroker.Protocol.Security;

namespace ActorBroker.Cli.Commands;

/// <summary>
/// <c>acls add|remove|list</c>: who may do what through the Kafka door, with the options of Kafka's kafka-acls tool
/// (<c>--allow-principal</c>/<c>--deny-principal</c>, <c>--operation</c>, <c>--topic</c> or <c>--cluster</c>,
/// <c>--resource-pattern-type</c>, <c>--host</c>). Every combination of principals and operations given is one ACL.
/// </summary>
internal sealed class AclsCommand : ICommand
{
    public int Words => 1;

    public string Usage =>
        "acls add|remove|list [--allow-principal User:A,...] [--deny-principal User:B,...] [--operation Read,Write,...] (--topic T | --cluster) " +
        $"[--resource-pattern-type literal|prefixed] [--host IP|*] {ClientConfig.Options}";

    public string Description => "add, remove or list the ACLs the Kafka door checks (actorbroker.kafka.authorization)";

    public bool Matches(string[] args) => args is ["acls", ..];

    public int Run(string[] args, TextWriter output)
    {
        if (args.Length == 0) throw new UsageException($"acls needs an action; usage: {Usage}");
        var line = new CommandLine(args[1..], Usage,
            [.. ClientConfig.OptionNames, "--allow-principal", "--deny-principal", "--operation", "--topic", "--resource-pattern-type", "--host"], ["--cluster"]);
        return RunAsync(args[0], line, output).GetAwaiter().GetResult();
    }

    private async Task<int> RunAsync(string action, CommandLine line, TextWriter output)
    {
        switch (action)
        {
            case "add":
            case "remove":
            {
                var acls = Bindings(line);
                await using var admin = AdminClient.Create(ClientConfig.Build(line));
                var changed = action == "add"
                    ? await admin.CreateAclsAsync(acls).ConfigureAwait(false)
                    : await admin.DeleteAclsAsync(acls).ConfigureAwait(false);
                output.WriteLine(action == "add" ? $"Added {changed} ACL(s) ({acls.Count - changed} existed):" : $"Removed {changed} ACL(s) ({acls.Count - changed} did not exist):");
                foreach (var acl in acls) output.WriteLine($"\t{Describe(acl)}");
                return 0;
            }
            case "list":
            {
                await using var admin = AdminClient.Create(ClientConfig.Build(line));
                var security = await admin.DescribeSecurityAsync().ConfigureAwait(false);
                var topic = line["--topic"];
                foreach (var acl in security.Acls.Where(a => topic is null || (a.ResourceType == AclResourceType.Topic && a.ResourceName == topic)))
                    output.WriteLine(Describe(acl));
                return 0;
            }
            default:
                throw new UsageException($"unknown acls action '{action}'; usage: {Usage}");
        }
    }

    private static List<AclBinding> Bindings(CommandLine line)
    {
        var (type, name) = Resource(line);
        var pattern = line["--resource-pattern-type"] switch
        {
            null or "literal" => AclPatternType.Literal,
            "prefixed" => AclPatternType.Prefixed,
            var other => throw new UsageException($"--resource-pattern-type must be literal or prefixed, was '{other}'"),
        };
        var operations = (line.List("--operation") ?? throw new UsageException("--operation is required, e.g. --operation Read,Describe")).Select(Operation).ToList();
        var host = line["--host"] ?? AclBinding.Wildcard;
        var principals = Principals(line.List("--allow-principal")).Select(p => (Principal: p, Permission: AclPermission.Allow))
            .Concat(Principals(line.List("--deny-principal")).Select(p => (Principal: p, Permission: AclPermission.Deny)))
            .ToList();
        if (principals.Count == 0) throw new UsageException("give --allow-principal User:name or --deny-principal User:name (User:* for everyone)");
        return [.. from p in principals from op in operations select new AclBinding(type, name, pattern, p.Principal, host, op, p.Permission)];
    }

    /// <summary>
    /// The principals of a comma-separated list. A certificate's principal has commas of its own
    /// (<c>User:CN=alice,O=corp</c>): a part with no <c>Type:</c> before its first '=' continues the principal before it.
    /// </summary>
    internal static IReadOnlyList<string> Principals(IReadOnlyList<string>? parts)
    {
        var principals = new List<string>();
        foreach (var part in parts ?? [])
        {
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var continues = principals.Count > 0 && equals > 0 && (colon < 0 || equals < colon);
            if (continues) principals[^1] += "," + part;
            else principals.Add(part);
        }

        return principals;
    }

    private static (AclResourceType Type, string Name) Resource(CommandLine line) => (line["--topic"], line.Flag("--cluster")) switch
    {
        ({ } topic, false) => (AclResourceType.Topic, topic),
        (null, true) => (AclResourceType.Cluster, AclBinding.ClusterName),
        _ => throw new UsageException("give exactly one of --topic T (T may be * for every topic) or --cluster"),
    };

    private static AclOperation Operation(string name) =>
        Enum.TryParse<AclOperation>(name, ignoreCase: true, out var operation) && Enum.IsDefined(operation)
            ? operation
            : throw new UsageException($"unknown operation '{name}'; operations: {string.Join(", ", Enum.GetNames<AclOperation>())}");

    /// <summary>One ACL as kafka-acls prints it.</summary>
    internal static string Describe(AclBinding acl) =>
        $"(principal={acl.Principal}, host={acl.Host}, operation={acl.Operation}, permissionType={acl.Permission}) on " +
        $"ResourcePattern(resourceType={acl.ResourceType}, name={acl.ResourceName}, patternType={acl.PatternType})";
}
