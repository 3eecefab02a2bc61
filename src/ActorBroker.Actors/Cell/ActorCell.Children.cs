namespace ActorBroker.Actors;

internal sealed partial class ActorCell
{
    // Children may be created from other threads (system.ActorOf on the user guardian), so guard them.
    private readonly Dictionary<string, ChildEntry> _children = [];
    private readonly Lock _childrenLock = new();
    private long _anonymousCounter;

    private sealed record ChildEntry(IInternalActorRef Ref, ChildRestartStats Stats);

    public IActorRef ActorOf(Props props, string? name = null)
    {
        if (name is null) name = "$" + Base64Name(Interlocked.Increment(ref _anonymousCounter));
        else if (!ActorPath.IsValidElement(name))
            throw new InvalidActorNameException($"Invalid actor name '{name}': use letters, digits and -_.*+:@&=,!~';()% and don't start with '$'");

        var path = Self.Path.Child(name, NewUid());
        var mailbox = new Mailbox(props.MailboxCapacity > 0 ? props.MailboxCapacity : System.Settings.DefaultMailboxCapacity);
        var child = new LocalActorRef(System, path, props, SelfRef, mailbox);
        lock (_childrenLock)
        {
            if (_terminating)
                throw new InvalidOperationException($"Cannot create child '{name}': {Self.Path} is stopping");
            if (!_children.TryAdd(name, new ChildEntry(child, new ChildRestartStats())))
                throw new InvalidActorNameException($"Actor name '{name}' is not unique under {Self.Path}");
        }

        child.Start();
        return child;
    }

    public ActorSelection ActorSelection(string path) => new(System, path.StartsWith('/') || path.Contains("://") ? null : SelfRef, path);

    public IEnumerable<IActorRef> GetChildren() => ChildRefs();

    internal IReadOnlyList<IInternalActorRef> ChildRefs()
    {
        lock (_childrenLock) return [.. _children.Values.Select(c => c.Ref)];
    }

    public IActorRef Child(string name)
    {
        lock (_childrenLock) return _children.TryGetValue(name, out var entry) ? entry.Ref : ActorRefs.Nobody;
    }

    internal IInternalActorRef? GetChildRef(string name)
    {
        lock (_childrenLock) return _children.TryGetValue(name, out var entry) ? entry.Ref : null;
    }

    private bool TryGetChildStats(IInternalActorRef child, out ChildRestartStats stats)
    {
        lock (_childrenLock)
        {
            if (_children.TryGetValue(child.Path.Name, out var entry) && entry.Ref.Equals(child))
            {
                stats = entry.Stats;
                return true;
            }
        }

        stats = null!;
        return false;
    }

    private bool RemoveChild(IActorRef child)
    {
        lock (_childrenLock)
        {
            return _children.TryGetValue(child.Path.Name, out var entry) && entry.Ref.Equals(child)
                && _children.Remove(child.Path.Name);
        }
    }

    private bool HasChildren
    {
        get
        {
            lock (_childrenLock) return _children.Count > 0;
        }
    }

    public void Stop(IActorRef actor)
    {
        if (actor is IInternalActorRef internalRef) internalRef.Stop();
    }

    internal void StopChild(IInternalActorRef child) => child.Stop();

    private static int NewUid()
    {
        int uid;
        do uid = Random.Shared.Next();
        while (uid == 0);
        return uid;
    }

    private static string Base64Name(long n)
    {
        const string chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+~";
        Span<char> buffer = stackalloc char[12];
        var i = 0;
        do
        {
            buffer[i++] = chars[(int)(n & 63)];
            n >>= 6;
        }
        while (n > 0);
        return new string(buffer[..i]);
    }
}
