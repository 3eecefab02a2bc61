using Akka.Actor;
using ActorBroker.Broker.Metadata;
using Xunit.Abstractions;

namespace ActorBroker.Broker.Tests.Metadata;

/// <summary>The node's stored image: the newest one it was given, kept across restarts of the store for a starting controller.</summary>
public sealed class MetadataImageStoreTests(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(TestConfigs.Broker(), "metadata-image-store", output)
{
    private static readonly Guid TopicId = Guid.NewGuid();
    private int _incarnation;

    [Fact]
    public void A_restarted_store_reports_the_newest_image_it_was_given_and_ignores_older_ones()
    {
        var store = Sys.ActorOf(MetadataImageStore.Props("n1"), "stored-0");
        store.Tell(new UpdateMetadata(Images.With(Images.Version(3, 7), "orders", TopicId, "n1")));
        store.Tell(new UpdateMetadata(Images.With(Images.Version(3, 5), "older", TopicId, "n2"))); // late, older: ignored

        // A new incarnation recovers from the snapshot store; poll until the write has landed.
        AwaitAssert(() =>
        {
            var restarted = Sys.ActorOf(MetadataImageStore.Props("n1"), $"stored-{++_incarnation}");
            restarted.Tell(new GetLocalImage(4), TestActor);
            var answer = ExpectMsg<LocalImage>();
            Assert.Equal(("n1", Images.Version(3, 7)), (answer.NodeId, answer.Image.Version));
            Assert.Equal(["orders"], answer.Image.Topics.Keys);
        }, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void The_sender_of_an_image_hears_once_it_is_written_and_again_when_it_sends_it_again()
    {
        var store = Sys.ActorOf(MetadataImageStore.Props("n2"));

        store.Tell(new UpdateMetadata(Images.With(Images.Version(2, 1), "orders", TopicId, "n2")), TestActor);
        Assert.Equal(new MetadataStored("n2", Images.Version(2, 1)), ExpectMsg<MetadataStored>());

        store.Tell(new UpdateMetadata(Images.With(Images.Version(2, 1), "orders", TopicId, "n2")), TestActor); // a re-send
        Assert.Equal(new MetadataStored("n2", Images.Version(2, 1)), ExpectMsg<MetadataStored>());
    }

    [Fact]
    public void A_node_that_never_got_an_image_reports_the_empty_one()
    {
        Sys.ActorOf(MetadataImageStore.Props("n9")).Tell(new GetLocalImage(1), TestActor);

        Assert.Equal(MetadataImage.Empty.Version, ExpectMsg<LocalImage>().Image.Version);
    }
}
