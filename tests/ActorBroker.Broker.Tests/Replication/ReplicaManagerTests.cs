using System.Collections.Concurrent;
using ActorBroker.Broker.Metadata;
using ActorBroker.Broker.Partitions;
using ActorBroker.Broker.Replication;
using ActorBroker.Protocol;
using Akka.Actor;
using Xunit.Abstractions;

namespace ActorBroker.Broker.Tests.Replication;

public sealed class ReplicaManagerTests(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(output: output)
{
    private const string Node = "127.0.0.1:9001";
    private static readonly TopicPartition Partition = new("gone", 0);
    private static readonly Guid TopicId = Guid.NewGuid();

    /// <summary>
    /// A deleting topic stays in the images until every partition confirmed; its replica stops once its log is deleted.
    /// Starting it again for every image (and every stop) would spin: create, recover, delete, stop, forever.
    /// </summary>
    [Fact]
    public async Task A_replica_of_a_deleting_topic_that_deleted_its_log_is_not_started_again_while_the_deletion_goes_on()
    {
        var started = new ConcurrentQueue<IActorRef>();
        var manager = Sys.ActorOf(ReplicaManager.Props(Node, new LocalReplicas(), (_, _, _) => Props.Create(() => new DeletingReplica(started))));
        var image = Deleting();

        manager.Tell(new LocalImageChanged(image));
        await AwaitConditionAsync(() => Task.FromResult(started.Count == 1));
        Watch(started.Single());
        await ExpectTerminatedAsync(started.Single());
        manager.Tell(new LocalImageChanged(image with { Version = 2 }));
        await manager.Ask<ActorIdentity>(new Identify(1)); // both images handled

        Assert.Single(started);
    }

    [Fact]
    public async Task A_replica_that_the_controller_told_to_delete_before_the_image_said_so_is_started_once_more_and_stays_stopped_once_deleted()
    {
        var started = new ConcurrentQueue<IActorRef>();
        var manager = Sys.ActorOf(ReplicaManager.Props(Node, new LocalReplicas(), (_, _, _) => Props.Create(() => new DeletingReplica(started))));
        manager.Tell(new LocalImageChanged(Live()));
        await AwaitConditionAsync(() => Task.FromResult(started.Count == 1));

        // The controller's order reaches the replica through its partition entity before the image saying the topic is deleting.
        started.Single().Tell(new DeletePartition(Partition, TopicId), TestActor);
        await ExpectMsgAsync<PartitionDeleted>();
        await AwaitConditionAsync(() => Task.FromResult(started.Count == 2));
        Watch(started.Last());
        manager.Tell(new LocalImageChanged(Deleting()));
        await ExpectTerminatedAsync(started.Last());
        manager.Tell(new LocalImageChanged(Deleting() with { Version = 3 }));
        await manager.Ask<ActorIdentity>(new Identify(1));

        Assert.Equal(2, started.Count);
    }

    private static MetadataImage Live() => Image(deleting: false);

    private static MetadataImage Deleting() => Image(deleting: true);

    private static MetadataImage Image(bool deleting)
    {
        var topic = new TopicImage(Partition.Topic, TopicId, new Dictionary<string, string>(), TopicConfig.Default,
            [new PartitionImage(0, [Node], Node, 0, [Node])]);
        var topics = new Dictionary<string, TopicImage> { [topic.Name] = topic };
        return new MetadataImage(deleting ? 2 : 1, 1, [], deleting ? new Dictionary<string, TopicImage>() : topics,
            deleting ? topics : new Dictionary<string, TopicImage>());
    }

    /// <summary>Deletes at once and stops, as a partition log does once its journal is deleted.</summary>
    private sealed class DeletingReplica : ReceiveActor
    {
        public DeletingReplica(ConcurrentQueue<IActorRef> started)
        {
            started.Enqueue(Self);
            Receive<DeletePartition>(d =>
            {
                Sender.Tell(new PartitionDeleted(d.Partition, d.TopicId, ErrorCode.None, null));
                Context.Stop(Self);
            });
            ReceiveAny(_ => { });
        }
    }
}
