namespace ActorBroker.Actors;

/// <summary>A user message with its sender, as it sits in a mailbox. A struct: no allocation per message.</summary>
internal readonly record struct Envelope(object Message, IActorRef? Sender);
