using Microsoft.Extensions.Logging;

namespace ActorBroker.Actors;

/// <summary>
/// Decides what happens to a child whose message handler threw. A decider maps the exception to a
/// <see cref="Directive"/>; <paramref name="maxNrOfRetries"/> restarts within <paramref name="withinTimeRange"/>
/// are allowed before the child is stopped (-1 = unlimited).
/// </summary>
public abstract class SupervisorStrategy(int maxNrOfRetries, TimeSpan withinTimeRange, Func<Exception, Directive> decider)
{
    /// <summary>Restart on any exception, except initialization failures and Kill, which stop the child.</summary>
    public static readonly Func<Exception, Directive> DefaultDecider = e => e switch
    {
        ActorInitializationException => Directive.Stop,
        ActorKilledException => Directive.Stop,
        DeathPactException => Directive.Stop,
        _ => Directive.Restart,
    };

    /// <summary>One-for-one, unlimited restarts, <see cref="DefaultDecider"/>.</summary>
    public static readonly SupervisorStrategy DefaultStrategy = new OneForOneStrategy(DefaultDecider);

    /// <summary>Stops any failing child.</summary>
    public static readonly SupervisorStrategy StoppingStrategy = new OneForOneStrategy(_ => Directive.Stop);

    public int MaxNrOfRetries { get; } = maxNrOfRetries;

    public TimeSpan WithinTimeRange { get; } = withinTimeRange;

    public Directive Decide(Exception cause) => decider(cause);

    /// <summary>Applies <paramref name="directive"/>: to the failed child only, or to all children.</summary>
    internal abstract void ProcessFailure(ActorCell supervisor, Directive directive, IInternalActorRef child, Exception cause);

    internal void HandleFailure(ActorCell supervisor, IInternalActorRef child, Exception cause, ChildRestartStats stats)
    {
        var directive = Decide(cause);
        if (directive == Directive.Restart && !stats.RequestRestartPermission(MaxNrOfRetries, WithinTimeRange))
        {
            supervisor.Log.LogError(cause, "Actor {Actor} failed and exceeded {MaxRetries} restarts within {Window}; stopping it",
                child.Path, MaxNrOfRetries, WithinTimeRange);
            directive = Directive.Stop;
        }
        else
        {
            LogFailure(supervisor, child, cause, directive);
        }

        if (directive == Directive.Escalate)
        {
            supervisor.Escalate(cause, child);
            return;
        }

        ProcessFailure(supervisor, directive, child, cause);
    }

    private static void LogFailure(ActorCell supervisor, IInternalActorRef child, Exception cause, Directive directive)
    {
        var level = directive switch
        {
            Directive.Resume => LogLevel.Warning,
            Directive.Escalate => LogLevel.Debug,
            _ => LogLevel.Error,
        };
        supervisor.Log.Log(level, cause, "Actor {Actor} failed: {Message}; supervisor directive: {Directive}",
            child.Path, cause.Message, directive);
    }

    internal static void Apply(Directive directive, IInternalActorRef child, Exception cause, ActorCell supervisor)
    {
        switch (directive)
        {
            case Directive.Resume:
                child.SendSystemMessage(new Resume(cause));
                break;
            case Directive.Restart:
                child.SendSystemMessage(new Recreate(cause));
                break;
            case Directive.Stop:
                supervisor.StopChild(child);
                break;
        }
    }
}

/// <summary>Applies the directive to the failed child only.</summary>
public sealed class OneForOneStrategy(int maxNrOfRetries, TimeSpan withinTimeRange, Func<Exception, Directive> decider)
    : SupervisorStrategy(maxNrOfRetries, withinTimeRange, decider)
{
    public OneForOneStrategy(Func<Exception, Directive> decider) : this(-1, Timeout.InfiniteTimeSpan, decider)
    {
    }

    internal override void ProcessFailure(ActorCell supervisor, Directive directive, IInternalActorRef child, Exception cause) =>
        Apply(directive, child, cause, supervisor);
}

/// <summary>Applies the directive to all children when one fails (a restart or stop takes the siblings along).</summary>
public sealed class AllForOneStrategy(int maxNrOfRetries, TimeSpan withinTimeRange, Func<Exception, Directive> decider)
    : SupervisorStrategy(maxNrOfRetries, withinTimeRange, decider)
{
    public AllForOneStrategy(Func<Exception, Directive> decider) : this(-1, Timeout.InfiniteTimeSpan, decider)
    {
    }

    internal override void ProcessFailure(ActorCell supervisor, Directive directive, IInternalActorRef child, Exception cause)
    {
        if (directive == Directive.Resume)
        {
            Apply(directive, child, cause, supervisor);
            return;
        }

        foreach (var sibling in supervisor.ChildRefs()) Apply(directive, sibling, cause, supervisor);
    }
}
