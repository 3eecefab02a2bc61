using Akka.Actor;
using ActorBroker.Cluster;
using ActorBroker.Cluster.Internal;
using ActorBroker.Cluster.Serialization;
using ActorBroker.Cluster.Status;
using Akka.Configuration;

namespace ActorBroker.Cli.Commands;

/// <summary>Asks one node for its view of the cluster and prints members, states, reachability and the leader.</summary>
internal sealed class ClusterStatusCommand : ICommand
{
    public int Words => 2;

    public string Usage => "cluster status --contact HOST:PORT [--system NAME] [--timeout SECONDS]";

    public string Description => "print the members, their states and reachability, the leader, and where singletons and shards run, as a node sees them";

    public bool Matches(string[] args) => args is ["cluster", "status", ..];

    public int Run(string[] args, TextWriter output)
    {
        var line = new CommandLine(args, Usage, "--contact", "--system", "--timeout");
        var contact = line["--contact"] ?? throw new UsageException($"cluster status needs --contact; usage: {Usage}");
        var timeout = TimeSpan.FromSeconds(line.Int("--timeout", 1, 600) ?? 5);
        var systemName = line["--system"] ?? ReferenceConfig.Load().GetString("actorbroker.node.system-name");
        var address = ContactAddress(contact, systemName);

        var system = ActorSystem.Create("actorbroker-cli", ConfigurationFactory.ParseString("""
            actorbroker.loglevel = ERROR
            actorbroker.actor.provider = remote
            actorbroker.remote.port = 0
            """, "cluster status"));
        try
        {
            ClusterMessageSerializer.Register(system);
            var publisher = system.Provider.ResolveActorRef(ActorPath.Root(address).Child("system").Child(Cluster.Cluster.PublisherName));
            CurrentClusterState state;
            try
            {
                state = publisher.Ask<CurrentClusterState>(GetClusterState.Instance, timeout).GetAwaiter().GetResult();
            }
            catch (AskTimeoutException)
            {
                throw new NodeStartException(
                    $"no answer from {address} within {timeout.TotalSeconds:0} s: is the node running, and is '{systemName}' its system name (--system)?");
            }

            Print(address, state, output);
            PrintPlacement(AskPlacement(system, address, timeout), output);
            return 0;
        }
        finally
        {
            system.Terminate().Wait(TimeSpan.FromSeconds(5));
        }
    }

    internal static void Print(Address contact, CurrentClusterState state, TextWriter output)
    {
        output.WriteLine($"Cluster as seen by {contact}");
        output.WriteLine($"Leader: {state.Leader?.ToString() ?? "(none)"}");
        output.WriteLine($"Members: {state.Members.Count} ({state.Members.Count(m => m.Status == MemberStatus.Up)} up, {state.Unreachable.Count} unreachable)");
        output.WriteLine();
        var width = Math.Max(7, state.Members.Select(m => m.Address.ToString().Length).DefaultIfEmpty(0).Max());
        output.WriteLine($"{"ADDRESS".PadRight(width)}  {"STATUS",-8}  {"REACHABLE",-9}  {"LEADER",-6}  ROLES");
        foreach (var m in state.Members)
        {
            var reachable = state.Unreachable.Contains(m) ? "no" : "yes";
            var leader = m.Address.Equals(state.Leader) ? "*" : "";
            output.WriteLine($"{m.Address.ToString().PadRight(width)}  {m.Status,-8}  {reachable,-9}  {leader,-6}  {string.Join(",", m.Roles.Order(StringComparer.Ordinal))}");
        }

        // Removed incarnations are listed after the members, so a node that was killed shows what became of it.
        foreach (var node in state.RecentlyRemoved)
        {
            if (state.Members.Any(m => m.UniqueAddress.Equals(node))) continue;
            output.WriteLine($"{node.Address.ToString().PadRight(width)}  {"Removed",-8}  {"-",-9}  {"",-6}  (uid {node.Uid})");
        }
    }

    /// <summary>Where singletons and shards run, or null when the node did not say in time.</summary>
    private static PlacementStatus? AskPlacement(ActorSystem system, Address address, TimeSpan timeout)
    {
        var reporter = system.Provider.ResolveActorRef(ActorPath.Root(address).Child("system").Child(Cluster.Cluster.PlacementReporterName));
        try
        {
            return reporter.Ask<PlacementStatus>(GetPlacementStatus.Instance, timeout).GetAwaiter().GetResult();
        }
        catch (AskTimeoutException)
        {
            return null;
        }
    }

    internal static void PrintPlacement(PlacementStatus? placement, TextWriter output)
    {
        output.WriteLine();
        if (placement is null)
        {
            output.WriteLine("Placement: the node did not report where singletons and shards run");
            return;
        }

        output.WriteLine(placement.Singletons.Count == 0 ? "Singletons: none on this node" : "Singletons:");
        foreach (var s in placement.Singletons)
        {
            var role = s.Role is null ? "" : $" (role {s.Role})";
            output.WriteLine($"  {s.ManagerPath}{role} runs on {s.RunsOn ?? "(no eligible member)"}; manager here: {s.Phase}");
        }

        output.WriteLine(placement.Shards.Count == 0 ? "Shards: no sharded types on this node" : "Shards:");
        foreach (var type in placement.Shards.GroupBy(s => s.TypeName))
        {
            output.WriteLine($"  {type.Key}: {type.Sum(s => s.Shards)} shards");
            foreach (var node in type) output.WriteLine($"    {node.Node}  {node.Shards} shards");
        }
    }

    private static Address ContactAddress(string contact, string systemName)
    {
        if (contact.Contains("://", StringComparison.Ordinal))
            return Address.TryParse(contact, out var full) && full.HasGlobalScope ? full : throw new UsageException($"--contact: '{contact}' is not a node address");
        var colon = contact.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(contact.AsSpan(colon + 1), out var port) || port is < 1 or > 65535)
            throw new UsageException($"--contact must be HOST:PORT (e.g. 127.0.0.1:2552), was '{contact}'");
        return new Address("abroker.tcp", systemName, contact[..colon], port);
    }
}
