using ActorBroker.Client.Settings;
using ActorBroker.Client.Tests.Support;
using ActorBroker.Protocol;
using Akka.Actor;
using Xunit.Abstractions;

namespace ActorBroker.Client.Tests.Facade;

public sealed class AdminClientTests(ITestOutputHelper output) : ClientTestKit(output)
{
    private static readonly ClientSettings FastAdmin = ClientSettings.Default with
    {
        AdminRequestTimeout = TimeSpan.FromMilliseconds(200),
        AdminRetryBackoff = TimeSpan.FromMilliseconds(20),
        DefaultApiTimeout = TimeSpan.FromSeconds(2),
    };

    private AdminClient Admin() => new(ClientConnection.ForEntry(Sys, Entry, FastAdmin));

    [Fact]
    public async Task Topics_are_created_listed_described_grown_and_deleted()
    {
        StartNode("n1");
        StartNode("n2");
        await using var admin = Admin();

        await admin.CreateTopicAsync("orders", 3, 2, new Dictionary<string, string> { ["retention.ms"] = "1000" });
        await admin.CreateTopicAsync("audit", 1, 1);
        Assert.Equal(["audit", "orders"], await admin.ListTopicsAsync());

        var orders = Assert.Single(await admin.DescribeTopicsAsync(["orders"]));
        Assert.Equal([0, 1, 2], orders.Partitions.Select(p => p.Partition));
        Assert.All(orders.Partitions, p => Assert.Contains(p.Leader, new[] { "n1", "n2" }));

        await admin.CreatePartitionsAsync("orders", 5);
        Assert.Equal(5, (await admin.DescribeTopicsAsync(["orders"]))[0].Partitions.Count);

        await admin.DeleteTopicAsync("audit");
        Assert.Equal(["orders"], await admin.ListTopicsAsync());
        var cluster = await admin.DescribeClusterAsync();
        Assert.Equal(["n1", "n2"], cluster.Nodes.Select(n => n.Id).Order());
    }

    [Fact]
    public async Task Errors_that_are_not_retriable_surface_as_BrokerException_with_their_code()
    {
        StartNode("n1");
        await using var admin = Admin();
        await admin.CreateTopicAsync("orders", 1, 1);

        Assert.Equal(ErrorCode.TopicAlreadyExists, (await Assert.ThrowsAsync<BrokerException>(() => admin.CreateTopicAsync("orders", 1, 1))).Code);
        Assert.Equal(ErrorCode.InvalidTopic, (await Assert.ThrowsAsync<BrokerException>(() => admin.CreateTopicAsync("bad name", 1, 1))).Code);
        Assert.Equal(ErrorCode.UnknownTopicOrPartition, (await Assert.ThrowsAsync<BrokerException>(() => admin.DescribeTopicsAsync(["nope"]))).Code);
    }

    [Fact]
    public async Task Retriable_errors_are_retried_until_the_request_succeeds()
    {
        StartNode("n1");
        await using var admin = Admin();
        Entry.Tell(new FailAdmin(ErrorCode.NotController, Times: 2), ActorRefs.NoSender);

        await admin.CreateTopicAsync("orders", 1, 1);

        Assert.True(Model.HasTopic("orders"));
    }

    [Fact]
    public async Task A_cluster_that_never_answers_fails_the_call_after_default_api_timeout()
    {
        var silent = CreateTestProbe();
        await using var admin = new AdminClient(ClientConnection.ForEntry(Sys, silent.Ref, FastAdmin));

        var started = DateTime.UtcNow;
        var error = await Assert.ThrowsAsync<BrokerException>(() => admin.ListTopicsAsync());

        Assert.Equal(ErrorCode.RequestTimedOut, error.Code);
        Assert.Contains("default.api.timeout", error.Message);
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(1.8));
        Assert.True(silent.ReceiveN(3).Count == 3, "each attempt should have been sent");
    }
}
