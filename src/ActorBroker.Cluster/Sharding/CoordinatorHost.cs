using ActorBroker.Actors;

namespace ActorBroker.Cluster.Sharding;

/// <summary>
/// Stand-in for the ClusterSingletonManager at <c>/system/sharding/{typeName}Coordinator</c> until it lands:
/// runs the coordinator's singleton child only while this node is the oldest Up member with the role, so two
/// coordinators never write the same journal stream. Has no hand-over; replaced by the singleton manager.
/// </summary>
internal sealed class CoordinatorHost : ReceiveActor
{
    private readonly SortedSet<Member> _members = new(Member.AgeOrdering);
    private readonly Cluster _cluster;
    private IActorRef? _singleton;

    public CoordinatorHost(Props singletonProps, string? role)
    {
        _cluster = Cluster.Get(Context.System);
        Receive<MemberUp>(up =>
        {
            if (role is null || up.Member.HasRole(role)) _members.Add(up.Member);
            Evaluate(singletonProps);
        });
        Receive<MemberEvent>(e =>
        {
            if (e is MemberLeft or MemberExited or MemberDowned or MemberRemoved) _members.Remove(e.Member);
            Evaluate(singletonProps);
        });
        Receive<Terminated>(_ => { });
    }

    public static Props Props(Props singletonProps, string? role) => Actors.Props.Create(() => new CoordinatorHost(singletonProps, role));

    protected override void PreStart() => _cluster.Subscribe(Self, InitialStateMode.AsEvents, typeof(MemberEvent));

    protected override void PostStop() => _cluster.Unsubscribe(Self);

    private void Evaluate(Props singletonProps)
    {
        var oldest = _members.Count == 0 ? null : _members.Min;
        var isOldest = oldest is not null && oldest.UniqueAddress.Equals(_cluster.SelfUniqueAddress);
        if (isOldest && _singleton is null)
        {
            _singleton = Context.ActorOf(singletonProps, ClusterSharding.CoordinatorSingletonName);
            Context.Watch(_singleton);
        }
        else if (!isOldest && _singleton is not null)
        {
            Context.Stop(_singleton);
            _singleton = null;
        }
    }
}
