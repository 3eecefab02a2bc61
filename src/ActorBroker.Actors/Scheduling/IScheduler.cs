namespace ActorBroker.Actors;

/// <summary>Sends messages later or periodically. Timing is best-effort (timer resolution is about a millisecond or more).</summary>
public interface IScheduler
{
    DateTimeOffset Now { get; }

    ICancelable ScheduleTellOnce(TimeSpan delay, IActorRef receiver, object message, IActorRef? sender);

    ICancelable ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, IActorRef receiver, object message, IActorRef? sender);

    ICancelable ScheduleOnce(TimeSpan delay, Action action);
}
