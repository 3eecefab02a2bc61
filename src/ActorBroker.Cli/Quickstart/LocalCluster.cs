using ActorBroker.Broker.Metadata;
using Akka.Actor;
using Akka.Cluster;

namespace ActorBroker.Cli.Quickstart;

/// <summary>
/// Broker nodes in this process on ephemeral loopback ports, each with its own journal under one root directory. The
/// first founds the cluster and is Up before the others join through it, so it is the oldest member: the one that runs
/// the controller (a cluster singleton) as long as it lives.
/// </summary>
internal sealed class LocalCluster : IAsyncDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(20);
    private readonly List<LocalNode> _nodes;

    private LocalCluster(List<LocalNode> nodes) => _nodes = nodes;

    public IReadOnlyList<LocalNode> Nodes => _nodes;

    public Address SeedAddress => _nodes[0].Cluster.SelfAddress;

    /// <summary>Starts <paramref name="count"/> nodes and returns once every node sees all of them Up and its metadata lists them all.</summary>
    public static async Task<LocalCluster> StartAsync(string root, int count, TimeSpan timeout)
    {
        var nodes = new List<LocalNode>();
        var cluster = new LocalCluster(nodes);
        try
        {
            var seed = LocalNode.Start("node-1", root, port: 0);
            nodes.Add(seed);
            seed.Found();
            // Up alone before the others join: the first node is then surely the oldest, and runs the controller.
            await seed.WhenUp.WaitAsync(timeout).ConfigureAwait(false);
            for (var i = 2; i <= count; i++)
            {
                var node = LocalNode.Start($"node-{i}", root, port: 0);
                nodes.Add(node);
                node.Join(seed.Cluster.SelfAddress);
            }

            if (!await Poll.UntilAsync(() => cluster.IsComplete(count), timeout).ConfigureAwait(false))
                throw new TimeoutException($"the {count} nodes did not all see each other Up and in their metadata within {timeout.TotalSeconds:0} s");
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The node the controller runs on: the oldest Up member, as a running node sees the membership.</summary>
    public LocalNode ControllerNode
    {
        get
        {
            var view = Running.First().Cluster.State.Members.Where(m => m.Status == MemberStatus.Up).Order(Member.AgeOrdering).First();
            return _nodes.First(n => n.IsRunning && n.Cluster.SelfAddress.Equals(view.Address));
        }
    }

    /// <summary>The metadata as the controller's node holds it (that node is never killed).</summary>
    public MetadataImage Metadata => ControllerNode.Broker.Metadata.Current;

    public LocalNode NodeWithId(string nodeId) => _nodes.First(n => n.NodeId == nodeId);

    /// <summary>Every running node sees <paramref name="count"/> members Up and has metadata listing <paramref name="count"/> broker nodes.</summary>
    public bool IsComplete(int count) =>
        Running.Count() == count
        && Running.All(n => n.Cluster.State.Members.Count(m => m.Status == MemberStatus.Up) == count && n.Broker.Metadata.Current.Nodes.Count == count);

    public Task KillAsync(LocalNode node) => node.KillAsync(StopTimeout);

    /// <summary>Starts the killed node again on its port and journal; it joins through the first node.</summary>
    public void Restart(LocalNode node)
    {
        node.Restart();
        node.Join(SeedAddress);
    }

    public async ValueTask DisposeAsync()
    {
        // Youngest first, so the controller does not move while the others stop.
        foreach (var node in Enumerable.Reverse(_nodes)) await node.StopAsync(StopTimeout).ConfigureAwait(false);
    }

    private IEnumerable<LocalNode> Running => _nodes.Where(n => n.IsRunning);
}
