using ActorBroker.Cli.Quickstart;
using ActorBroker.MultiNode;
using Akka.Actor;
using Akka.Cluster;
using Xunit.Abstractions;

namespace ActorBroker.Cli.Tests;

/// <summary><c>cluster status</c> against in-process broker nodes: it shows where the controller runs, and that it moves when its node dies.</summary>
[Collection(ClusterNodesCollection.Name)]
public sealed class ClusterStatusPlacementTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);
    private readonly BrokerNodes _nodes = new(output);

    [Fact]
    public async Task Cluster_status_shows_the_members_where_the_controller_runs_and_follows_it_when_its_node_is_killed()
    {
        var ports = new[] { ClusterNodes.FreePort(), ClusterNodes.FreePort(), ClusterNodes.FreePort() };
        var nodes = new List<ActorSystem>();
        foreach (var port in ports) nodes.Add((await _nodes.StartAsync(port, ports[0])).Node);
        await _nodes.Fixture.AwaitMembersUpAsync([.. nodes]);
        var oldest = nodes.OrderBy(n => Cluster.Get(n).SelfMember, Member.AgeOrdering).First();
        var oldestAddress = Cluster.Get(oldest).SelfAddress;
        var survivor = nodes.First(n => n != oldest);
        var survivorPort = Cluster.Get(survivor).SelfAddress.Port!.Value;

        var status = await AwaitStatusAsync(survivorPort, s => s.Contains($"runs on {oldestAddress}", StringComparison.Ordinal) && s.Contains("3 up", StringComparison.Ordinal),
            "three members Up and the controller on the oldest");
        Assert.Contains("Shards: partition:", status, StringComparison.Ordinal);

        // A crash: no graceful leave; the survivors' failure detectors and the split-brain resolver remove it.
        ((ExtendedActorSystem)oldest).Abort();

        status = await AwaitStatusAsync(survivorPort, s => s.Contains("/user/controller runs on", StringComparison.Ordinal)
            && !s.Contains($"runs on {oldestAddress}", StringComparison.Ordinal) && !s.Contains(oldestAddress.ToString() + " ", StringComparison.Ordinal),
            "the controller moved off the killed node, which is no longer a member");
        Assert.Contains("2 up", status, StringComparison.Ordinal);
    }

    private async Task<string> AwaitStatusAsync(int port, Func<string, bool> condition, string what)
    {
        var last = "";
        var done = await Poll.UntilAsync(() =>
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var code = Program.Run(["cluster", "status", "--contact", $"127.0.0.1:{port}", "--system", _nodes.SystemName, "--timeout", "3"], stdout, stderr);
            last = code == 0 ? stdout.ToString() : stderr.ToString();
            return code == 0 && condition(last);
        }, Long);
        output.WriteLine(last);
        Assert.True(done, $"cluster status never showed {what}; last answer:\n{last}");
        return last;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _nodes.DisposeAsync();
}
