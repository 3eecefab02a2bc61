using Akka.Actor;
using ActorBroker.Broker.Metadata;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using Akka.TestKit;
using Xunit.Abstractions;

namespace ActorBroker.Broker.Tests.Metadata;

public sealed class MetadataCacheTests(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(TestConfigs.Broker(), "metadata-cache", output)
{
    private static readonly BrokerSettings Settings = new() { MetadataRegisterInterval = TimeSpan.FromMilliseconds(100) };
    private static readonly Guid TopicId = Guid.NewGuid();
    private readonly LocalMetadata _metadata = new();

    private (IActorRef Cache, TestProbe Proxy) StartCache()
    {
        var proxy = CreateTestProbe();
        return (Sys.ActorOf(MetadataCache.Props(_metadata, proxy.Ref, "n1", Settings)), proxy);
    }

    /// <summary>Stands in for the controller; the cache's store also tells it which images are written (MetadataImageStoreTests covers that).</summary>
    private TestProbe ControllerProbe()
    {
        var controller = CreateTestProbe();
        controller.IgnoreMessages<MetadataStored>();
        return controller;
    }

    /// <summary>Pushes an image from <paramref name="controller"/> and returns the version the cache acknowledges.</summary>
    private static long Push(IActorRef cache, TestProbe controller, MetadataImage image)
    {
        cache.Tell(new UpdateMetadata(image), controller.Ref);
        return controller.ExpectMsg<MetadataUpdated>().Version;
    }

    [Fact]
    public void Registers_until_the_controller_answers_and_again_when_that_controller_terminates()
    {
        var (cache, proxy) = StartCache();
        proxy.ExpectMsg<RegisterMetadataCache>(r => Assert.Equal("n1", r.NodeId));
        proxy.ExpectMsg<RegisterMetadataCache>(); // the timer repeats it while nobody answers

        var controller = ControllerProbe();
        cache.Tell(new MetadataCacheRegistered(1), controller.Ref);
        Push(cache, controller, Images.With(Images.Version(1, 1), "t", TopicId, "n1")); // the acknowledgement was handled before this
        while (proxy.ReceiveOne(TimeSpan.Zero) is not null)
        {
            // registrations sent before the acknowledgement arrived
        }

        proxy.ExpectNoMsg(TimeSpan.FromMilliseconds(400));

        Sys.Stop(controller.Ref);

        proxy.ExpectMsg<RegisterMetadataCache>();
        proxy.ExpectMsg<RegisterMetadataCache>();
    }

    [Fact]
    public void A_registered_cache_registers_again_when_the_controller_asks_it_to()
    {
        var (cache, proxy) = StartCache();
        proxy.ExpectMsg<RegisterMetadataCache>();
        var controller = ControllerProbe();
        cache.Tell(new MetadataCacheRegistered(1), controller.Ref);
        Push(cache, controller, Images.With(Images.Version(1, 1), "t", TopicId, "n1"));
        while (proxy.ReceiveOne(TimeSpan.Zero) is not null)
        {
            // registrations sent before the acknowledgement arrived
        }

        // What the controller sends when its watch of this cache ended with its address (a previous incarnation's removal).
        cache.Tell(new ReRegisterMetadataCache(1), controller.Ref);

        proxy.ExpectMsg<RegisterMetadataCache>(r => Assert.Equal("n1", r.NodeId));
        cache.Tell(new MetadataCacheRegistered(1), controller.Ref);
        Push(cache, controller, Images.With(Images.Version(1, 2), "t", TopicId, "n1"));
        while (proxy.ReceiveOne(TimeSpan.Zero) is not null)
        {
            // repeats sent before the second acknowledgement arrived
        }

        proxy.ExpectNoMsg(TimeSpan.FromMilliseconds(400)); // registered again: the repeats stop
    }

    [Fact]
    public void A_cache_asked_to_register_again_outlives_the_old_controller_and_registers_with_the_next()
    {
        var (cache, proxy) = StartCache();
        proxy.ExpectMsg<RegisterMetadataCache>();
        var old = ControllerProbe();
        cache.Tell(new MetadataCacheRegistered(1), old.Ref);
        Push(cache, old, Images.With(Images.Version(1, 1), "t", TopicId, "n1"));

        // The order seen when both other nodes are downed: the old controller asks for a new registration as its watch of
        // this node's previous incarnation ends, then its own node is removed and it terminates. The cache watched it:
        // an unhandled Terminated would end the cache with a DeathPactException, and the node would never hear of
        // another controller again.
        cache.Tell(new ReRegisterMetadataCache(1), old.Ref);
        Watch(old.Ref);
        Sys.Stop(old.Ref);
        ExpectTerminated(old.Ref); // the cache is told too, and handles that before the messages below

        var next = ControllerProbe();
        proxy.FishForMessage(m => m is RegisterMetadataCache);
        cache.Tell(new MetadataCacheRegistered(2), next.Ref);
        Assert.Equal(Images.Version(2, 1), Push(cache, next, Images.With(Images.Version(2, 1), "t", TopicId, "n1")));
    }

    [Fact]
    public void Keeps_the_newest_image_acknowledges_what_it_holds_and_ignores_older_controller_epochs()
    {
        var (cache, _) = StartCache();
        var controller = ControllerProbe();

        Assert.Equal(Images.Version(2, 5), Push(cache, controller, Images.With(Images.Version(2, 5), "t", TopicId, "n1")));
        Assert.Equal(Images.Version(2, 5), Push(cache, controller, Images.With(Images.Version(2, 4), "t", TopicId, (string?)null)));
        Assert.Equal("n1", _metadata.Current.Topics["t"].Partitions[0].Leader);

        cache.Tell(new UpdateMetadata(Images.With(Images.Version(1, 9), "old", Guid.NewGuid(), "n1")), controller.Ref);
        controller.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        Assert.Equal(Images.Version(3, 1), Push(cache, controller, Images.With(Images.Version(3, 1), "t", TopicId, (string?)null)));

        Assert.Null(_metadata.Current.Topics["t"].Partitions[0].Leader);
        Assert.False(_metadata.Current.Topics.ContainsKey("old"));
    }

    [Fact]
    public void Answers_metadata_requests_for_all_topics_or_the_ones_asked_in_order()
    {
        var (cache, _) = StartCache();
        var controller = ControllerProbe();
        Push(cache, controller, Images.With(Images.Version(1, 1), "t", TopicId, "n1", null));

        cache.Tell(new MetadataRequest(null, 7), TestActor);
        var all = ExpectMsg<MetadataResponse>();
        cache.Tell(new MetadataRequest(["missing", "t", "no/such name", "t"], 8), TestActor);
        var some = ExpectMsg<MetadataResponse>();

        Assert.Equal((7L, Images.Version(1, 1)), (all.CorrelationId, all.MetadataVersion));
        Assert.Equal("n1", Assert.Single(all.Nodes).Id);
        var t = Assert.Single(all.Topics);
        Assert.Equal((TopicId, ErrorCode.None, "5"), (t.TopicId, t.Error, t.Configs["retention.ms"]));
        Assert.Equal([ErrorCode.None, ErrorCode.LeaderNotAvailable], t.Partitions.Select(p => p.Error));
        Assert.Equal(8L, some.CorrelationId);
        Assert.Equal(["missing", "t", "no/such name"], some.Topics.Select(x => x.Name));
        Assert.Equal([ErrorCode.UnknownTopicOrPartition, ErrorCode.None, ErrorCode.InvalidTopic], some.Topics.Select(x => x.Error));
    }
}
