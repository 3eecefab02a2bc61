using ActorBroker.Client;
using ActorBroker.Protocol.Messages;

namespace ActorBroker.Cli.Commands;

/// <summary>Asks one node for its view of the cluster and prints members, states, reachability, the leader, the controller and the shards.</summary>
internal sealed class ClusterStatusCommand : ICommand
{
    public int Words => 2;

    public string Usage => "cluster status --contact HOST:PORT [--system NAME] [--timeout SECONDS] [--command-config FILE]";

    public string Description => "print the members, their states and reachability, the leader, and where the controller and the partition shards run, as a node sees them";

    public bool Matches(string[] args) => args is ["cluster", "status", ..];

    public int Run(string[] args, TextWriter output)
    {
        var line = new CommandLine(args, Usage, "--contact", "--system", "--timeout", "--command-config");
        var contact = line["--contact"] ?? throw new UsageException($"cluster status needs --contact; usage: {Usage}");
        var timeout = TimeSpan.FromSeconds(line.Int("--timeout", 1, 600) ?? 5);
        var hocon = new List<string> { $"actorbroker.client.bootstrap-servers = [{HoconText.Quote(contact)}]", $"actorbroker.client.admin.default-api-timeout = {timeout.TotalSeconds}s" };
        if (line["--system"] is { } system) hocon.Add($"actorbroker.client.cluster-system-name = {HoconText.Quote(system)}");

        using var cancel = new CancellationTokenSource(timeout);
        // A client file (--command-config) carries what the flags do not, such as actorbroker.tls for a TLS cluster.
        var file = line["--command-config"] is { } path ? HoconFiles.Load(path) : Akka.Configuration.Config.Empty;
        var admin = AdminClient.Create(Akka.Configuration.ConfigurationFactory.ParseString(string.Join('\n', [.. hocon, "akka.loglevel = ERROR"])).WithFallback(file));
        try
        {
            Print(admin.DescribeMembershipAsync(cancel.Token).GetAwaiter().GetResult(), output);
            return 0;
        }
        catch (OperationCanceledException)
        {
            throw new NodeStartException(
                $"no answer from {contact} within {timeout.TotalSeconds:0} s: is the node running, is its system name the one given by --system (default: the reference's), and if it requires TLS, does --command-config give actorbroker.tls?");
        }
        finally
        {
            admin.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(5));
        }
    }

    internal static void Print(DescribeClusterResponse cluster, TextWriter output)
    {
        output.WriteLine($"Cluster as seen by {cluster.SeenBy}");
        output.WriteLine($"Leader: {cluster.Leader ?? "(none)"}");
        output.WriteLine($"Members: {cluster.Members.Count} ({cluster.Members.Count(m => m.Status == "Up")} up, {cluster.Members.Count(m => !m.Reachable)} unreachable)");
        output.WriteLine();
        var width = Math.Max(7, cluster.Members.Select(m => m.Address.Length).DefaultIfEmpty(0).Max());
        output.WriteLine($"{"ADDRESS".PadRight(width)}  {"STATUS",-8}  {"REACHABLE",-9}  {"LEADER",-6}  ROLES");
        foreach (var m in cluster.Members)
        {
            var leader = m.Address == cluster.Leader ? "*" : "";
            output.WriteLine($"{m.Address.PadRight(width)}  {m.Status,-8}  {(m.Reachable ? "yes" : "no"),-9}  {leader,-6}  {string.Join(",", m.Roles)}");
        }

        output.WriteLine();
        output.WriteLine("Singletons:");
        output.WriteLine($"  /user/controller runs on {cluster.ControllerNode ?? "(no Up broker member)"}");
        if (cluster.ShardsPerNode is null)
        {
            output.WriteLine("Shards: the node did not report the partition shards in time");
            return;
        }
        output.WriteLine($"Shards: partition: {cluster.ShardsPerNode.Values.Sum()} shards");
        foreach (var (node, shards) in cluster.ShardsPerNode.OrderBy(n => n.Key, StringComparer.Ordinal)) output.WriteLine($"    {node}  {shards} shards");
    }
}
