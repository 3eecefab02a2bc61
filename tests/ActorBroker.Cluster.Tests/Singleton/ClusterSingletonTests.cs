using ActorBroker.Actors;
using ActorBroker.Cluster.Singleton;
using ActorBroker.Cluster.Tests.MultiNode;
using ActorBroker.TestKit;
using ActorBroker.TestKit.MultiNode;
using Xunit.Abstractions;

namespace ActorBroker.Cluster.Tests.Singleton;

[Collection(ClusterTestBase.Collection)]
public sealed class ClusterSingletonTests(ITestOutputHelper output) : ClusterTestBase(output)
{
    private const string ManagerName = "counter";
    private readonly InstanceTracker _tracker = new();

    [Fact]
    public async Task The_singleton_runs_once_on_the_oldest_member_and_every_proxy_reaches_it()
    {
        var nodes = await StartClusterAsync(3);
        StartManagers(nodes);
        var oldest = OldestOf(nodes);

        foreach (var node in nodes)
        {
            var probe = TestKitBase.CreateTestProbe(node);
            probe.Send(StartProxy(node), 1);
            Assert.Equal(oldest.Address.Port, probe.ExpectMsg<int>(Long));
        }

        Assert.Equal(oldest.Address, _tracker.RunningOn);
        Assert.Equal(1, _tracker.MaxAlive);
    }

    [Fact]
    public async Task When_the_oldest_is_killed_the_singleton_moves_to_the_next_oldest_and_never_runs_twice()
    {
        var nodes = await StartClusterAsync(3);
        StartManagers(nodes);
        var oldest = OldestOf(nodes);
        var survivors = nodes.Where(n => n != oldest).ToList();
        var next = OldestOf(survivors);
        await AwaitAsync(survivors[0], () => Equals(_tracker.RunningOn, oldest.Address), "the singleton runs on the oldest");

        await Nodes.KillAsync(oldest);

        await AwaitAsync(survivors[0], () => Equals(_tracker.RunningOn, next.Address), "the singleton runs on the next oldest");
        var probe = TestKitBase.CreateTestProbe(survivors[^1]);
        probe.Send(StartProxy(survivors[^1]), 7);
        Assert.Equal(next.Address.Port, probe.ExpectMsg<int>(Long));
        Assert.Equal(1, _tracker.MaxAlive);
        Assert.Equal([$"start {oldest.Address}", $"stop {oldest.Address}", $"start {next.Address}"], _tracker.Timeline);
    }

    [Fact]
    public async Task A_graceful_leave_hands_the_singleton_over_and_messages_buffered_meanwhile_arrive_in_order()
    {
        var nodes = await StartClusterAsync(3);
        StartManagers(nodes);
        var oldest = OldestOf(nodes);
        var others = nodes.Where(n => n != oldest).ToList();
        var next = OldestOf(others);
        var sender = others.First(n => n != next);
        var proxy = StartProxy(sender);
        var probe = TestKitBase.CreateTestProbe(sender);
        for (var i = 1; i <= 50; i++) probe.Send(proxy, i);
        for (var i = 1; i <= 50; i++) Assert.Equal(oldest.Address.Port, probe.ExpectMsg<int>(Long));

        var left = Cluster.Get(oldest).LeaveAsync();
        await AwaitAsync(sender, () => Cluster.Get(sender).State.Members.Any(m => m.Address.Equals(oldest.Address) && m.Status != MemberStatus.Up),
            "the sender's node sees the oldest leaving");
        for (var i = 51; i <= 100; i++) probe.Send(proxy, i);

        for (var i = 51; i <= 100; i++) Assert.Equal(next.Address.Port, probe.ExpectMsg<int>(Long));
        await left.WaitAsync(Long);
        Assert.Equal(Enumerable.Range(1, 100), _tracker.Received.Select(r => r.Value));
        Assert.Equal([$"start {oldest.Address}", $"stop {oldest.Address}", $"start {next.Address}"], _tracker.Timeline);
        Assert.Equal(1, _tracker.MaxAlive);
    }

    [Fact]
    public async Task When_the_oldest_is_cut_off_by_a_partition_the_majority_takes_the_singleton_and_two_never_run_at_once()
    {
        var nodes = await StartClusterAsync(3);
        StartManagers(nodes);
        var oldest = OldestOf(nodes);
        var majority = nodes.Where(n => n != oldest).ToList();
        var next = OldestOf(majority);
        await AwaitAsync(majority[0], () => Equals(_tracker.RunningOn, oldest.Address), "the singleton runs on the oldest");

        TestNodes.Partition([oldest], majority);

        await oldest.WhenTerminated.WaitAsync(Long);
        await AwaitAsync(majority[0], () => Equals(_tracker.RunningOn, next.Address), "the singleton runs on the majority's oldest");
        Assert.Equal(1, _tracker.MaxAlive);
        Assert.Equal([$"start {oldest.Address}", $"stop {oldest.Address}", $"start {next.Address}"], _tracker.Timeline);
    }

    [Fact]
    public async Task With_a_role_the_singleton_runs_only_on_members_that_have_it()
    {
        var seedPort = TestNodes.FreePort();
        var seed = Nodes.AddressOn(seedPort);
        var founder = Nodes.StartMember([seed], port: seedPort);
        var controller = Nodes.StartMember([seed], """actorbroker.cluster.roles = ["controller"]""");
        var plain = Nodes.StartMember([seed]);
        var nodes = new List<ActorSystem> { founder, controller, plain };
        await AwaitUpAsync(nodes, 3);

        StartManagers(nodes, role: "controller");
        var probe = TestKitBase.CreateTestProbe(plain);
        probe.Send(StartProxy(plain, role: "controller"), 1);

        Assert.Equal(controller.Address.Port, probe.ExpectMsg<int>(Long));
        Assert.Equal(1, _tracker.MaxAlive);
    }

    [Fact]
    public async Task A_full_proxy_buffer_drops_the_oldest_message_and_delivers_the_rest_once_the_singleton_appears()
    {
        var nodes = await StartClusterAsync(1);
        var node = nodes[0];
        var proxy = node.ActorOf(ClusterSingletonProxy.Props($"/user/{ManagerName}", ClusterSingletonProxySettings.Create(node).WithBufferSize(2)), "proxy");
        var probe = TestKitBase.CreateTestProbe(node);
        for (var i = 1; i <= 3; i++) probe.Send(proxy, i);

        StartManagers(nodes);

        probe.ExpectMsg<int>(Long);
        probe.ExpectMsg<int>(Long);
        Assert.Equal([2, 3], _tracker.Received.Select(r => r.Value));
    }

    [Fact]
    public async Task A_manager_asked_for_its_status_says_where_the_singleton_runs()
    {
        var nodes = await StartClusterAsync(2);
        var managers = StartManagers(nodes);
        var oldest = OldestOf(nodes);
        await AwaitAsync(nodes[0], () => Equals(_tracker.RunningOn, oldest.Address), "the singleton runs on the oldest");

        var statuses = await Task.WhenAll(managers.Select(m => m.Ask<SingletonStatus>(GetSingletonStatus.Instance, Long)));

        Assert.All(statuses, s => Assert.Equal(oldest.Address, s.Oldest));
        Assert.Equal(1, statuses.Count(s => s.RunsHere));
        Assert.Contains(statuses, s => s.Phase == nameof(ManagerPhase.Younger));
    }

    private List<IActorRef> StartManagers(IEnumerable<ActorSystem> nodes, string? role = null) =>
        [.. nodes.Select(node => node.ActorOf(
            ClusterSingletonManager.Props(_tracker.Props(), PoisonPill.Instance, ClusterSingletonManagerSettings.Create(node).WithRole(role)),
            ManagerName))];

    private static IActorRef StartProxy(ActorSystem node, string? role = null) =>
        node.ActorOf(ClusterSingletonProxy.Props($"/user/{ManagerName}", ClusterSingletonProxySettings.Create(node).WithRole(role)));

    /// <summary>The oldest of <paramref name="nodes"/>, by the age each node's own membership entry carries.</summary>
    private static ActorSystem OldestOf(IEnumerable<ActorSystem> nodes) =>
        nodes.OrderBy(n => Cluster.Get(n).SelfMember!, Member.AgeOrdering).First();
}
