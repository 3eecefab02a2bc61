using ActorBroker.Actors;
using Xunit.Sdk;

namespace ActorBroker.TestKit.Tests;

public sealed class EventFilterTests : TestKit
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(300);

    [Fact]
    public void An_expected_exception_passes()
    {
        var actor = Sys.ActorOf(Props.Create<Thrower>());
        EventFilter.Exception<InvalidOperationException>(this, "boom").ExpectOne(() => actor.Tell(new InvalidOperationException("boom")));
    }

    [Fact]
    public void Fewer_exceptions_than_expected_fail()
    {
        var actor = Sys.ActorOf(Props.Create<Thrower>());
        var e = Assert.ThrowsAny<XunitException>(() =>
            EventFilter.Exception<InvalidOperationException>(this).Expect(2, () => actor.Tell(new InvalidOperationException("once")), Short));
        Assert.Contains("but saw 1", e.Message);
    }

    [Fact]
    public void More_exceptions_than_expected_fail()
    {
        var actor = Sys.ActorOf(Props.Create<Thrower>());
        var e = Assert.ThrowsAny<XunitException>(() =>
            EventFilter.Exception<InvalidOperationException>(this).ExpectOne(() =>
            {
                actor.Tell(new InvalidOperationException("one"));
                actor.Tell(new InvalidOperationException("two"));
            }));
        Assert.Contains("saw more", e.Message);
    }

    [Fact]
    public void An_exception_of_another_type_does_not_count()
    {
        var actor = Sys.ActorOf(Props.Create<Thrower>());
        Assert.ThrowsAny<XunitException>(() =>
            EventFilter.Exception<ArgumentException>(this).Expect(1, () => actor.Tell(new InvalidOperationException("wrong type")), Short));
    }

    [Fact]
    public void Dead_letters_are_counted()
    {
        var echo = Sys.ActorOf(Props.Create<Echo>());
        Watch(echo);
        Sys.Stop(echo);
        ExpectTerminated(echo);
        EventFilter.DeadLetter<string>(this).Expect(2, () =>
        {
            echo.Tell("one");
            echo.Tell("two");
            echo.Tell(3);
        });
    }

    [Fact]
    public void A_dead_letter_count_mismatch_fails()
    {
        var e = Assert.ThrowsAny<XunitException>(() =>
            EventFilter.DeadLetter<string>(this, s => s.StartsWith('x')).Expect(2, () =>
            {
                Sys.DeadLetters.Tell("x1");
                Sys.DeadLetters.Tell("y1");
            }, Short));
        Assert.Contains("dead letter of String", e.Message);
    }

    [Fact]
    public void Warnings_are_matched_by_level_and_text()
    {
        var parent = Sys.ActorOf(Props.Create<Supervisor>().WithSupervisorStrategy(new OneForOneStrategy(_ => Directive.Resume)));
        // A resumed failure is logged as a warning, so an Exception (error) filter does not see it.
        EventFilter.Warning(this, "supervisor directive: Resume").ExpectOne(() => parent.Tell(new InvalidOperationException("resumed")));
        Assert.ThrowsAny<XunitException>(() =>
            EventFilter.Exception<InvalidOperationException>(this).Expect(1, () => parent.Tell(new InvalidOperationException("again")), Short));
    }
}
