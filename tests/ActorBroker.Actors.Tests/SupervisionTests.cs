using ActorBroker.Actors.Events;
using ActorBroker.TestKit;

namespace ActorBroker.Actors.Tests;

public sealed class SupervisionTests : TestKit.TestKit
{
    private static readonly TimeSpan Short = TimeSpan.FromSeconds(3);

    private IActorRef[] Children(IActorRef parent)
    {
        parent.Tell(new GetChildren(), TestActor);
        return ExpectMsg<IActorRef[]>();
    }

    private IActorRef SupervisedCounter(SupervisorStrategy strategy, string name = "parent")
    {
        var parent = Sys.ActorOf(Props.Create(() => new Parent(Props.Create(() => new LifecycleCounter(TestActor, ""))))
            .WithSupervisorStrategy(strategy), name);
        ExpectMsg("ctor");
        ExpectMsg("PreStart");
        return Children(parent)[0];
    }

    [Fact]
    public void Resume_keeps_the_actors_state()
    {
        var child = SupervisedCounter(new OneForOneStrategy(_ => Directive.Resume));
        child.Tell("inc");
        child.Tell("inc");
        child.Tell(new InvalidOperationException("boom"));
        child.Tell("get", TestActor);
        ExpectMsg(2);
    }

    [Fact]
    public void Restart_replaces_the_instance_and_resets_its_state()
    {
        var child = SupervisedCounter(new OneForOneStrategy(_ => Directive.Restart));
        child.Tell("inc");
        child.Tell("inc");
        child.Tell(new InvalidOperationException("boom"));
        ExpectMsg("PreRestart");
        ExpectMsg("PostStop");
        ExpectMsg("ctor");
        ExpectMsg("PostRestart");
        ExpectMsg("PreStart");
        child.Tell("get", TestActor);
        ExpectMsg(0);
    }

    [Fact]
    public void Restart_keeps_the_mailbox_and_the_ref()
    {
        var child = SupervisedCounter(new OneForOneStrategy(_ => Directive.Restart));
        child.Tell(new InvalidOperationException("boom"));
        child.Tell("inc");
        child.Tell("get", TestActor);
        var count = FishForMessage<object>(m => m is int);
        Assert.Equal(1, count);
        Assert.Equal(child, LastSender);
    }

    [Fact]
    public void Stop_directive_stops_the_child()
    {
        var child = SupervisedCounter(new OneForOneStrategy(_ => Directive.Stop));
        Watch(child);
        child.Tell(new InvalidOperationException("boom"));
        ExpectMsg("PostStop");
        ExpectTerminated(child);
    }

    [Fact]
    public void Escalate_lets_the_grandparent_restart_the_parent()
    {
        var childProps = Props.Create(() => new LifecycleCounter(TestActor, "child-"));
        var parentProps = Props.Create(() => new LifecycleCounter(TestActor, "parent-"));
        // grandparent -> middle (escalates) -> child
        var middleProps = Props.Create(() => new Parent(childProps)).WithSupervisorStrategy(new OneForOneStrategy(_ => Directive.Escalate));
        var grandparent = Sys.ActorOf(Props.Create(() => new Parent(middleProps, parentProps))
            .WithSupervisorStrategy(new OneForOneStrategy(_ => Directive.Restart)));
        ExpectMsgAllOf("child-ctor", "child-PreStart", "parent-ctor", "parent-PreStart");
        var middle = Children(grandparent)[0];
        var child = Children(middle)[0];
        child.Tell(new InvalidOperationException("escalated"));
        // The grandparent restarted the middle actor, which stopped its child and created a fresh one.
        ExpectMsg("child-PostStop");
        ExpectMsg("child-ctor");
        ExpectMsg("child-PreStart");
        ExpectNoMsg(TimeSpan.FromMilliseconds(100)); // the sibling was not touched
    }

    [Fact]
    public void Escalate_lets_the_grandparent_stop_the_parent()
    {
        var childProps = Props.Create(() => new LifecycleCounter(TestActor, "child-"));
        var middleProps = Props.Create(() => new Parent(childProps)).WithSupervisorStrategy(new OneForOneStrategy(_ => Directive.Escalate));
        var grandparent = Sys.ActorOf(Props.Create(() => new Parent(middleProps))
            .WithSupervisorStrategy(new OneForOneStrategy(_ => Directive.Stop)));
        ExpectMsg("child-ctor");
        ExpectMsg("child-PreStart");
        var middle = Children(grandparent)[0];
        var child = Children(middle)[0];
        Watch(middle);
        child.Tell(new InvalidOperationException("escalated"));
        ExpectMsg("child-PostStop");
        ExpectTerminated(middle);
    }

    [Fact]
    public void Escalate_then_Resume_lets_the_failed_child_go_on()
    {
        var childProps = Props.Create(() => new LifecycleCounter(TestActor, "child-"));
        var middleProps = Props.Create(() => new Parent(childProps)).WithSupervisorStrategy(new OneForOneStrategy(_ => Directive.Escalate));
        var grandparent = Sys.ActorOf(Props.Create(() => new Parent(middleProps))
            .WithSupervisorStrategy(new OneForOneStrategy(_ => Directive.Resume)));
        ExpectMsg("child-ctor");
        ExpectMsg("child-PreStart");
        var middle = Children(grandparent)[0];
        var child = Children(middle)[0];
        child.Tell("inc");
        child.Tell(new InvalidOperationException("escalated"));
        child.Tell("get", TestActor);
        ExpectMsg(1);
    }

    [Fact]
    public void AllForOne_restarts_the_siblings_of_a_failed_child()
    {
        var parent = Sys.ActorOf(Props.Create(() => new Parent(
                Props.Create(() => new LifecycleCounter(TestActor, "a-")),
                Props.Create(() => new LifecycleCounter(TestActor, "b-"))))
            .WithSupervisorStrategy(new AllForOneStrategy(_ => Directive.Restart)));
        ExpectMsgAllOf("a-ctor", "a-PreStart", "b-ctor", "b-PreStart");
        var children = Children(parent);
        children[1].Tell("inc");
        children[0].Tell(new InvalidOperationException("one fails"));
        ExpectMsgAllOf("a-PreRestart", "a-PostStop", "a-ctor", "a-PostRestart", "a-PreStart",
            "b-PreRestart", "b-PostStop", "b-ctor", "b-PostRestart", "b-PreStart");
        children[1].Tell("get", TestActor);
        ExpectMsg(0);
    }

    [Fact]
    public void OneForOne_leaves_the_siblings_alone()
    {
        var parent = Sys.ActorOf(Props.Create(() => new Parent(
                Props.Create(() => new LifecycleCounter(TestActor, "a-")),
                Props.Create(() => new LifecycleCounter(TestActor, "b-"))))
            .WithSupervisorStrategy(new OneForOneStrategy(_ => Directive.Restart)));
        ExpectMsgAllOf("a-ctor", "a-PreStart", "b-ctor", "b-PreStart");
        var children = Children(parent);
        children[1].Tell("inc");
        children[0].Tell(new InvalidOperationException("one fails"));
        ExpectMsgAllOf("a-PreRestart", "a-PostStop", "a-ctor", "a-PostRestart", "a-PreStart");
        children[1].Tell("get", TestActor);
        ExpectMsg(1);
    }

    [Fact]
    public void Exceeding_the_retries_within_the_window_stops_the_child()
    {
        var child = SupervisedCounter(new OneForOneStrategy(2, TimeSpan.FromMinutes(1), _ => Directive.Restart));
        Watch(child);
        child.Tell(new InvalidOperationException("1"));
        child.Tell(new InvalidOperationException("2"));
        EventFilter.Error(this, "exceeded 2 restarts").ExpectOne(() => child.Tell(new InvalidOperationException("3")));
        FishForMessage<Terminated>(t => t.ActorRef.Equals(child), Short);
    }

    [Fact]
    public void Retries_within_the_limit_keep_the_child_alive()
    {
        var child = SupervisedCounter(new OneForOneStrategy(3, TimeSpan.FromMinutes(1), _ => Directive.Restart));
        for (var i = 0; i < 3; i++) child.Tell(new InvalidOperationException(i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        child.Tell("get", TestActor);
        FishForMessage<object>(m => m is 0);
    }

    private sealed class FailsInConstructor : ReceiveActor
    {
        public FailsInConstructor() => throw new InvalidOperationException("cannot construct");
    }

    private sealed class FailsInPreStart : ReceiveActor
    {
        protected override void PreStart() => throw new InvalidOperationException("cannot start");
    }

    [Fact]
    public void Constructor_failure_is_an_ActorInitializationException_and_stops_the_actor()
    {
        IActorRef actor = null!;
        EventFilter.Exception<ActorInitializationException>(this, "cannot construct")
            .ExpectOne(() => actor = Sys.ActorOf(Props.Create<FailsInConstructor>(), "bad-ctor"));
        Watch(actor);
        ExpectTerminated(actor);
    }

    [Fact]
    public void PreStart_failure_stops_the_actor()
    {
        IActorRef actor = null!;
        EventFilter.Exception<ActorInitializationException>(this, "cannot start")
            .ExpectOne(() => actor = Sys.ActorOf(Props.Create<FailsInPreStart>(), "bad-prestart"));
        Watch(actor);
        ExpectTerminated(actor);
    }

    [Fact]
    public void Kill_stops_the_actor()
    {
        var actor = Sys.ActorOf(Props.Create(() => new LifecycleCounter(TestActor, "")), "victim");
        ExpectMsg("ctor");
        ExpectMsg("PreStart");
        Watch(actor);
        EventFilter.Exception<ActorKilledException>(this).ExpectOne(() => actor.Tell(Kill.Instance));
        ExpectMsg("PostStop");
        ExpectTerminated(actor);
    }

    [Fact]
    public void Failures_are_logged_with_the_actor_path()
    {
        var actor = Sys.ActorOf(Props.Create(() => new LifecycleCounter(TestActor, "")), "logged-failure");
        ExpectMsg("ctor");
        ExpectMsg("PreStart");
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe<LogEvent>(probe.Ref);
        actor.Tell(new InvalidOperationException("visible failure"));
        var log = probe.ExpectMsg<LogEvent>(l => l.Exception is InvalidOperationException);
        Assert.Contains(actor.Path.ToString(), log.Message);
        Assert.Contains("visible failure", log.Message);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Error, log.Level);
    }

    [Fact]
    public void A_failing_actor_never_takes_the_system_down()
    {
        var failing = Sys.ActorOf(Props.Create(() => new LifecycleCounter(ActorRefs.Nobody, "")), "failing");
        var echo = Sys.ActorOf(Props.Create<Echo>(), "bystander");
        for (var i = 0; i < 50; i++) failing.Tell(new InvalidOperationException("again"));
        failing.Tell(new ArgumentException("other kind"));
        failing.Tell("get", TestActor);
        ExpectMsg(0);
        echo.Tell("alive", TestActor);
        ExpectMsg("alive");
        var late = Sys.ActorOf(Props.Create<Echo>());
        late.Tell("new actors work too", TestActor);
        ExpectMsg("new actors work too");
    }

    [Fact]
    public void The_supervisor_strategy_override_on_the_actor_wins()
    {
        var parent = Sys.ActorOf(Props.Create(() => new ResumingParent(Props.Create(() => new LifecycleCounter(TestActor, "")))));
        ExpectMsg("ctor");
        ExpectMsg("PreStart");
        var child = Children(parent)[0];
        child.Tell("inc");
        child.Tell(new InvalidOperationException("resume please"));
        child.Tell("get", TestActor);
        ExpectMsg(1);
    }

    private sealed class ResumingParent : ReceiveActor
    {
        public ResumingParent(Props child)
        {
            var c = Context.ActorOf(child, "child");
            Receive<GetChildren>(_ => Sender.Tell(new[] { c }, Self));
        }

        protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Resume);
    }
}
