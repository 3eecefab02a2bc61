namespace ActorBroker.Actors;

/// <summary>
/// Lets an actor whose job is forwarding (a shard region, a shard) forward on the sender's thread instead of taking
/// every message through its own mailbox first: one actor hop, and one thread hand-off, less per message.
/// Installed on the actor's <see cref="LocalActorRef"/>, it sees every Tell; it must leave the messages that the actor
/// cell handles itself (<see cref="ActorCell.IsHandledByCell"/>: PoisonPill, Identify, timers...) to the mailbox.
/// </summary>
/// <remarks>
/// It runs concurrently on any sender's thread, so it may only read state published for that purpose, and it must
/// keep each sender's order: a message it forwards must not overtake one of the same sender's that it queued.
/// </remarks>
internal interface ITellInterceptor
{
    /// <summary>True when the message is taken care of (forwarded, or queued with <see cref="LocalActorRef.PostToMailbox"/>); false to queue it as is.</summary>
    bool TryTell(object message, IActorRef? sender, LocalActorRef self);
}
