namespace ActorBroker.Actors;

internal sealed class ActorStash(ActorCell cell, int capacity) : IStash
{
    private readonly LinkedList<Envelope> _stashed = new();
    private long _lastStashedInvocation = -1;

    public int Count => _stashed.Count;

    public void Stash()
    {
        var current = cell.CurrentEnvelope
            ?? throw new InvalidOperationException("Stash() can only be called while processing a message");
        // Compare deliveries, not message references: the same instance may legitimately arrive twice.
        if (_lastStashedInvocation == cell.InvocationCount)
            throw new InvalidOperationException($"The message {current.Message.GetType().Name} was stashed twice");
        if (_stashed.Count >= capacity)
            throw new StashOverflowException($"Stash of {cell.Self.Path} is full ({capacity} messages; actorbroker.actor.stash-capacity)");
        _stashed.AddLast(current);
        _lastStashedInvocation = cell.InvocationCount;
    }

    public void Unstash()
    {
        if (_stashed.First is not { } first) return;
        _stashed.RemoveFirst();
        cell.Mailbox.PrependUser(first.Value);
    }

    public void UnstashAll()
    {
        // Prepend newest first so that the oldest ends up at the very front.
        for (var node = _stashed.Last; node is not null; node = node.Previous) cell.Mailbox.PrependUser(node.Value);
        _stashed.Clear();
    }

    /// <summary>On stop the stash empties into dead letters.</summary>
    public void DrainToDeadLetters()
    {
        foreach (var envelope in _stashed) cell.System.DeadLetterRef.Tell(envelope.Message, envelope.Sender, cell.Self);
        _stashed.Clear();
    }
}
