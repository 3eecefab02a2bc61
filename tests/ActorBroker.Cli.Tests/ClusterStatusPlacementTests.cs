using ActorBroker.Actors;
using ActorBroker.Cluster;
using ActorBroker.Cluster.Singleton;
using ActorBroker.TestKit.MultiNode;
using Xunit.Abstractions;

namespace ActorBroker.Cli.Tests;

/// <summary><c>cluster status</c> against in-process nodes: it shows where a singleton runs, and that it moves when its node dies.</summary>
[Collection(ClusterNodesCollection.Name)]
public sealed class ClusterStatusPlacementTests(ITestOutputHelper output) : TestKit.TestKit(output: output)
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);
    private readonly TestNodes _nodes = new(output, TestNodes.ClusterConfig);

    [Fact]
    public async Task Cluster_status_shows_where_the_singleton_runs_and_follows_it_when_its_node_is_killed()
    {
        var seedPort = TestNodes.FreePort();
        var seed = _nodes.AddressOn(seedPort);
        var nodes = new List<ActorSystem> { _nodes.StartMember([seed], port: seedPort), _nodes.StartMember([seed]), _nodes.StartMember([seed]) };
        await AwaitConditionAsync(() => nodes.All(n => Cluster.Cluster.Get(n).State.Members.Count(m => m.Status == MemberStatus.Up) == 3), Long);
        foreach (var node in nodes)
            node.ActorOf(ClusterSingletonManager.Props(Props.Create(() => new Idle()), PoisonPill.Instance, ClusterSingletonManagerSettings.Create(node)), "controller");
        var oldest = nodes.OrderBy(n => Cluster.Cluster.Get(n).SelfMember!, Member.AgeOrdering).First();
        var survivor = nodes.First(n => n != oldest);

        var status = AwaitStatus(survivor, s => s.Contains($"/user/controller runs on {oldest.Address}", StringComparison.Ordinal), "the singleton on the oldest");
        Assert.Contains("Shards: no sharded types on this node", status, StringComparison.Ordinal);

        await _nodes.KillAsync(oldest);

        AwaitStatus(survivor, s => s.Contains("/user/controller runs on", StringComparison.Ordinal) && !s.Contains($"runs on {oldest.Address}", StringComparison.Ordinal),
            "the singleton moved off the killed node");
    }

    private string AwaitStatus(ActorSystem contact, Func<string, bool> condition, string what)
    {
        var last = "";
        AwaitCondition(() =>
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var code = Program.Run(["cluster", "status", "--contact", $"127.0.0.1:{contact.Address.Port}", "--system", contact.Name, "--timeout", "2"], stdout, stderr);
            last = code == 0 ? stdout.ToString() : stderr.ToString();
            return code == 0 && condition(last);
        }, Long, TimeSpan.FromMilliseconds(200), $"cluster status never showed {what}; last answer:\n{last}");
        Output?.WriteLine(last);
        return last;
    }

    protected override void Shutdown(TimeSpan? timeout = null)
    {
        _nodes.Dispose();
        base.Shutdown(timeout);
    }

    private sealed class Idle : ReceiveActor
    {
        public Idle() => ReceiveAny(_ => { });
    }
}
