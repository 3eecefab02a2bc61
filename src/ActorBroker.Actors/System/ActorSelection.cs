namespace ActorBroker.Actors;

/// <summary>
/// Addresses actors by path rather than by ref: absolute (<c>/user/a</c>), full
/// (<c>abroker://sys/user/a</c>) or relative to an actor (<c>../sibling</c>, <c>child</c>). Elements may
/// use the wildcards <c>*</c> and <c>?</c>. The path is resolved each time a message is sent.
/// </summary>
public sealed class ActorSelection
{
    private readonly ActorSystemImpl _system;
    private readonly IInternalActorRef? _anchor;
    private readonly ActorPath? _remoteAnchor;
    private readonly string[] _elements;

    internal ActorSelection(ActorSystemImpl system, IInternalActorRef? anchor, string path)
    {
        _system = system;
        PathString = path;
        if (path.Contains("://", StringComparison.Ordinal))
        {
            var full = ActorPath.Parse(path);
            if (!full.Address.Equals(system.Address)) _remoteAnchor = ActorPath.Root(full.Address);
            _elements = [.. full.Elements];
        }
        else
        {
            _anchor = path.StartsWith('/') ? null : anchor;
            _elements = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        }
    }

    public string PathString { get; }

    public void Tell(object message, IActorRef? sender = null)
    {
        if (_remoteAnchor is not null)
        {
            _system.Provider.DeliverRemoteSelection(_remoteAnchor, _elements, message, sender);
            return;
        }

        var matches = Resolve();
        if (matches.Count == 0)
        {
            // As in Akka, Identify always gets an answer: an empty one when nothing matches.
            if (message is Identify identify && sender is not null) sender.Tell(new ActorIdentity(identify.MessageId, null), _system.DeadLetterRef);
            else _system.DeadLetterRef.Tell(message, sender, _system.DeadLetterRef, $"no actor matches selection '{PathString}'");
        }

        foreach (var target in matches) target.Tell(message, sender);
    }

    /// <summary>The one actor this selection names; fails with <see cref="ActorNotFoundException"/> when there is none.</summary>
    public async Task<IActorRef> ResolveOne(TimeSpan timeout)
    {
        if (_remoteAnchor is not null)
        {
            // Identify travels through the selection itself, so the remote node resolves the path (and wildcards).
            var identify = new Identify(PathString);
            var reply = await AskExtensions.AskVia(_system, PathString, identify, promise => Tell(identify, promise), timeout, CancellationToken.None)
                .ConfigureAwait(false);
            return (reply as ActorIdentity)?.Subject ?? throw new ActorNotFoundException($"No actor matches selection '{PathString}'");
        }

        var matches = Resolve();
        return matches.Count > 0 ? matches[0] : throw new ActorNotFoundException($"No actor matches selection '{PathString}'");
    }

    internal IReadOnlyList<IInternalActorRef> Resolve()
    {
        var current = new List<IInternalActorRef> { _anchor ?? _system.Root };
        foreach (var element in _elements)
        {
            var next = new List<IInternalActorRef>();
            foreach (var node in current) Step(node, element, next);
            current = next;
            if (current.Count == 0) break;
        }

        return current;
    }

    private void Step(IInternalActorRef node, string element, List<IInternalActorRef> next)
    {
        if (element == "..")
        {
            if (node is LocalActorRef local && local.Cell.ParentRef is LocalActorRef parent) next.Add(parent);
            return;
        }

        if (element == ".")
        {
            next.Add(node);
            return;
        }

        if (node is not LocalActorRef cellRef)
        {
            return;
        }

        if (!HasWildcard(element))
        {
            if (ReferenceEquals(node, _system.Root) && element is "temp" or "deadLetters") return;
            if (cellRef.Cell.GetChildRef(element) is { } child) next.Add(child);
            return;
        }

        foreach (var child in cellRef.Cell.ChildRefs())
        {
            if (WildcardMatch(element, child.Path.Name)) next.Add(child);
        }
    }

    private static bool HasWildcard(string element) => element.Contains('*') || element.Contains('?');

    internal static bool WildcardMatch(string pattern, string text)
    {
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[t]))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*') p++;
        return p == pattern.Length;
    }

    public override string ToString() => $"ActorSelection[{PathString}]";
}
