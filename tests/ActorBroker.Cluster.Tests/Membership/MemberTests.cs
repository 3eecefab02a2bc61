using ActorBroker.Actors;
using static ActorBroker.Cluster.Tests.Membership.Nodes;

namespace ActorBroker.Cluster.Tests.Membership;

public sealed class MemberTests
{
    public static TheoryData<MemberStatus, MemberStatus> AllowedMoves => new()
    {
        { MemberStatus.Joining, MemberStatus.Up },
        { MemberStatus.Joining, MemberStatus.Leaving },
        { MemberStatus.Joining, MemberStatus.Down },
        { MemberStatus.Joining, MemberStatus.Removed },
        { MemberStatus.Up, MemberStatus.Leaving },
        { MemberStatus.Up, MemberStatus.Down },
        { MemberStatus.Up, MemberStatus.Removed },
        { MemberStatus.Leaving, MemberStatus.Exiting },
        { MemberStatus.Leaving, MemberStatus.Down },
        { MemberStatus.Leaving, MemberStatus.Removed },
        { MemberStatus.Exiting, MemberStatus.Removed },
        { MemberStatus.Exiting, MemberStatus.Down },
        { MemberStatus.Down, MemberStatus.Removed },
    };

    public static TheoryData<MemberStatus, MemberStatus> ForbiddenMoves
    {
        get
        {
            var allowed = AllowedMoves.Select(row => ((MemberStatus)row[0], (MemberStatus)row[1])).ToHashSet();
            var data = new TheoryData<MemberStatus, MemberStatus>();
            foreach (var from in Enum.GetValues<MemberStatus>())
            {
                foreach (var to in Enum.GetValues<MemberStatus>())
                {
                    if (from != to && !allowed.Contains((from, to))) data.Add(from, to);
                }
            }

            return data;
        }
    }

    private static Member InStatus(MemberStatus status) => status == MemberStatus.Removed
        ? Up(1).Copy(MemberStatus.Removed)
        : WithStatus(1, status);

    [Theory]
    [MemberData(nameof(AllowedMoves))]
    public void An_allowed_move_changes_only_the_status(MemberStatus from, MemberStatus to)
    {
        var before = InStatus(from);
        var after = before.Copy(to);
        Assert.Equal(to, after.Status);
        Assert.Equal(before.UniqueAddress, after.UniqueAddress);
        Assert.Equal(before.UpNumber, after.UpNumber);
        Assert.Equal(before.Roles, after.Roles);
    }

    [Theory]
    [MemberData(nameof(ForbiddenMoves))]
    public void A_forbidden_move_names_the_member_and_both_statuses(MemberStatus from, MemberStatus to)
    {
        var member = InStatus(from);
        var e = Assert.Throws<InvalidOperationException>(() => member.Copy(to));
        Assert.Contains(member.Address.ToString(), e.Message);
        Assert.Contains(from.ToString(), e.Message);
        Assert.Contains(to.ToString(), e.Message);
    }

    [Fact]
    public void Moving_to_the_same_status_returns_the_same_member()
    {
        var member = Up(1);
        Assert.Same(member, member.Copy(MemberStatus.Up));
        var removed = member.Copy(MemberStatus.Removed);
        Assert.Same(removed, removed.Copy(MemberStatus.Removed));
    }

    [Fact]
    public void A_new_member_is_joining_with_no_age_yet()
    {
        var member = Joining(1, "broker", "controller");
        Assert.Equal(MemberStatus.Joining, member.Status);
        Assert.Equal(int.MaxValue, member.UpNumber);
        Assert.True(member.HasRole("broker"));
        Assert.False(member.HasRole("frontend"));
        Assert.Equal(Node(1).Address, member.Address);
    }

    [Fact]
    public void Copy_up_sets_the_age()
    {
        var member = Joining(1).CopyUp(7);
        Assert.Equal(MemberStatus.Up, member.Status);
        Assert.Equal(7, member.UpNumber);
    }

    [Fact]
    public void Members_are_equal_by_incarnation_whatever_their_status()
    {
        Assert.Equal(Joining(1), Up(1, 3));
        Assert.Equal(Joining(1).GetHashCode(), Up(1, 3).GetHashCode());
        Assert.NotEqual(Joining(1), Member.Create(Node(1, uid: 2), []));
        Assert.NotEqual(Joining(1), Joining(2));
    }

    [Fact]
    public void The_member_up_first_is_older_and_ties_go_to_the_lower_address()
    {
        Assert.True(Up(2, upNumber: 1).IsOlderThan(Up(1, upNumber: 2)));
        Assert.False(Up(1, upNumber: 2).IsOlderThan(Up(2, upNumber: 1)));
        Assert.True(Joining(1).IsOlderThan(Joining(2)));
        Assert.False(Joining(2).IsOlderThan(Joining(1)));
        Assert.True(Up(3, upNumber: 5).IsOlderThan(Joining(1)));
    }

    [Fact]
    public void Age_ordering_puts_the_oldest_first_and_ordering_sorts_by_address()
    {
        var members = new[] { Up(1, 3), Up(2, 1), Joining(0), Up(3, 2) };
        Assert.Equal([Node(2), Node(3), Node(1), Node(0)], members.Order(Member.AgeOrdering).Select(m => m.UniqueAddress));
        Assert.Equal([Node(0), Node(1), Node(2), Node(3)], members.Order(Member.Ordering).Select(m => m.UniqueAddress));
    }

    [Fact]
    public void The_status_further_along_the_life_cycle_wins()
    {
        var order = new[] { MemberStatus.Joining, MemberStatus.Up, MemberStatus.Leaving, MemberStatus.Exiting, MemberStatus.Down, MemberStatus.Removed };
        for (var i = 0; i < order.Length; i++)
        {
            for (var j = 0; j < order.Length; j++)
            {
                var expected = order[Math.Max(i, j)];
                Assert.Equal(expected, Member.HighestPriorityOf(InStatus(order[i]), InStatus(order[j])));
            }
        }
    }

    [Fact]
    public void To_string_shows_address_and_status()
    {
        var member = Member.Create(new Remote.UniqueAddress(Address.Parse("abroker.tcp://sys@127.0.0.1:2552"), 42), []).CopyUp(1);
        Assert.Equal("Member(abroker.tcp://sys@127.0.0.1:2552, Up)", member.ToString());
    }
}
