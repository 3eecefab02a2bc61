namespace ActorBroker.Actors;

/// <summary>Actors that implement this get an <see cref="IStash"/> injected before their constructor body runs.</summary>
public interface IWithStash
{
    IStash Stash { get; set; }
}

/// <summary>
/// Sets messages aside to process later, e.g. while waiting for a reply. Unstashed messages go to the
/// front of the mailbox in their original order. On restart stashed messages are kept; on stop they
/// go to dead letters.
/// </summary>
public interface IStash
{
    /// <summary>Stashes the message being processed.</summary>
    void Stash();

    /// <summary>Returns the oldest stashed message to the front of the mailbox.</summary>
    void Unstash();

    /// <summary>Returns all stashed messages to the front of the mailbox, oldest first.</summary>
    void UnstashAll();

    int Count { get; }
}
