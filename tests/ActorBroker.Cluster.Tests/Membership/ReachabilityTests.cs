using static ActorBroker.Cluster.Tests.Membership.Nodes;

namespace ActorBroker.Cluster.Tests.Membership;

public sealed class ReachabilityTests
{
    [Fact]
    public void An_empty_table_finds_everyone_reachable()
    {
        Assert.True(Reachability.Empty.IsAllReachable);
        Assert.True(Reachability.Empty.IsReachable(Node(1)));
        Assert.Equal(ReachabilityStatus.Reachable, Reachability.Empty.Status(Node(1)));
        Assert.Same(Reachability.Empty, Reachability.Empty.Reachable(Node(1), Node(2)));
    }

    [Fact]
    public void One_observer_is_enough_to_make_a_subject_unreachable()
    {
        var r = Reachability.Empty.Unreachable(Node(1), Node(2));
        Assert.False(r.IsReachable(Node(2)));
        Assert.False(r.IsReachable(Node(1), Node(2)));
        Assert.True(r.IsReachable(Node(3), Node(2)));
        Assert.Equal(ReachabilityStatus.Unreachable, r.Status(Node(2)));
        Assert.Equal([Node(2)], r.AllUnreachable);
        Assert.Equal([Node(2)], r.AllUnreachableFrom(Node(1)));
        Assert.Empty(r.AllUnreachableFrom(Node(3)));
        Assert.False(r.IsAllReachable);
    }

    [Fact]
    public void Becoming_reachable_again_drops_the_row_but_keeps_the_version()
    {
        var r = Reachability.Empty.Unreachable(Node(1), Node(2)).Reachable(Node(1), Node(2));
        Assert.True(r.IsAllReachable);
        Assert.Empty(r.Records);
        Assert.Equal(2, r.Versions[Node(1)]);
    }

    [Fact]
    public void A_row_stays_while_the_observer_still_finds_someone_unreachable()
    {
        var r = Reachability.Empty.Unreachable(Node(1), Node(2)).Unreachable(Node(1), Node(3)).Reachable(Node(1), Node(2));
        Assert.True(r.IsReachable(Node(2)));
        Assert.False(r.IsReachable(Node(3)));
        Assert.Equal(3, r.Versions[Node(1)]);
    }

    [Fact]
    public void Terminated_is_final_and_not_counted_as_merely_unreachable()
    {
        var r = Reachability.Empty.Terminated(Node(1), Node(2)).Unreachable(Node(3), Node(2));
        Assert.Same(r, r.Reachable(Node(1), Node(2)));
        Assert.Equal(ReachabilityStatus.Terminated, r.Status(Node(2)));
        Assert.Empty(r.AllUnreachable);
        Assert.Equal([Node(2)], r.AllUnreachableOrTerminated);
        Assert.False(r.IsReachable(Node(2)));
    }

    [Fact]
    public void A_merge_keeps_the_row_of_the_side_with_the_higher_observer_version()
    {
        var old = Reachability.Empty.Unreachable(Node(1), Node(2));
        var newer = old.Reachable(Node(1), Node(2)).Unreachable(Node(1), Node(3));
        var other = Reachability.Empty.Unreachable(Node(4), Node(3));
        var allowed = new[] { Node(1), Node(2), Node(3), Node(4) };

        foreach (var merged in new[] { old.Merge(allowed, newer.Merge(allowed, other)), newer.Merge(allowed, other).Merge(allowed, old) })
        {
            Assert.True(merged.IsReachable(Node(2)));
            Assert.Equal([Node(3)], merged.AllUnreachableFrom(Node(1)));
            Assert.Equal([Node(3)], merged.AllUnreachableFrom(Node(4)));
            Assert.Equal(3, merged.Versions[Node(1)]);
        }
    }

    [Fact]
    public void A_newer_all_reachable_row_wins_over_an_older_unreachable_one()
    {
        var old = Reachability.Empty.Unreachable(Node(1), Node(2));
        var healed = old.Reachable(Node(1), Node(2));
        Assert.True(old.Merge([Node(1), Node(2)], healed).IsAllReachable);
        Assert.True(healed.Merge([Node(1), Node(2)], old).IsAllReachable);
    }

    [Fact]
    public void A_merge_drops_observers_and_subjects_that_are_not_allowed()
    {
        var a = Reachability.Empty.Unreachable(Node(1), Node(2)).Unreachable(Node(1), Node(5));
        var b = Reachability.Empty.Unreachable(Node(5), Node(2));
        var merged = a.Merge([Node(1), Node(2)], b);
        Assert.Equal([Node(2)], merged.AllUnreachable);
        Assert.All(merged.Records, r => Assert.Equal(Node(1), r.Observer));
        Assert.DoesNotContain(Node(5), merged.Versions.Keys);
        Assert.DoesNotContain(merged.Records, r => r.Subject.Equals(Node(5)));
    }

    [Fact]
    public void Removing_nodes_forgets_what_they_said_and_what_was_said_about_them()
    {
        var r = Reachability.Empty.Unreachable(Node(1), Node(2)).Unreachable(Node(2), Node(3)).Unreachable(Node(3), Node(1));
        var removed = r.Remove([Node(2)]);
        Assert.Equal([Node(1)], removed.AllUnreachable);
        Assert.DoesNotContain(Node(2), removed.Versions.Keys);
    }

    [Fact]
    public void Removing_observers_keeps_what_others_said_about_them()
    {
        var r = Reachability.Empty.Unreachable(Node(1), Node(2)).Unreachable(Node(2), Node(1));
        var removed = r.RemoveObservers([Node(2)]);
        Assert.Equal([Node(2)], removed.AllUnreachable);
    }
}
