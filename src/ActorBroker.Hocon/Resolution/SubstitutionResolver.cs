using ActorBroker.Hocon.Values;

namespace ActorBroker.Hocon.Resolution;

/// <summary>
/// Replaces every substitution, concatenation and delayed merge in a parsed document with its
/// final value, in place, before the tree is published. Substitutions are looked up from the
/// document root (forward references work), then in environment variables.
/// </summary>
internal sealed class SubstitutionResolver
{
    private const int MaxDepth = 512;

    private readonly HoconObject _root;
    private readonly Dictionary<HoconValue, HoconValue?> _resolved = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<HoconValue> _inProgress = new(ReferenceEqualityComparer.Instance);
    private readonly List<HoconSubstitution> _chain = [];

    private SubstitutionResolver(HoconObject root) => _root = root;

    public static void Resolve(HoconObject root) => new SubstitutionResolver(root).ResolveValue(root);

    /// <summary>Returns the resolved value, or null for an undefined optional substitution.</summary>
    private HoconValue? ResolveValue(HoconValue value)
    {
        switch (value)
        {
            case HoconScalar:
                return value;
            case HoconObject obj:
                ResolveObject(obj);
                return obj;
            case HoconArray array:
                ResolveArray(array);
                return array;
            default:
                return ResolveUnresolved(value);
        }
    }

    private void ResolveObject(HoconObject obj)
    {
        if (obj.IsResolved)
            return;
        Enter(obj);
        foreach (var key in obj.Keys.ToArray())
        {
            if (!obj.TryGet(key, out var field))
                continue;
            var resolved = ResolveValue(field);
            if (resolved is null)
                obj.Remove(key);
            else if (!ReferenceEquals(resolved, field))
                obj.Set(key, resolved);
        }

        obj.IsResolved = true;
        Exit(obj);
    }

    private void ResolveArray(HoconArray array)
    {
        if (_resolved.ContainsKey(array))
            return;
        Enter(array);
        var elements = array.Elements;
        for (var i = elements.Count - 1; i >= 0; i--)
        {
            var resolved = ResolveValue(elements[i]);
            if (resolved is null)
                elements.RemoveAt(i);
            else
                elements[i] = resolved;
        }

        _resolved[array] = array;
        Exit(array);
    }

    private HoconValue? ResolveUnresolved(HoconValue value)
    {
        if (_resolved.TryGetValue(value, out var done))
            return done;
        Enter(value);
        var result = value switch
        {
            HoconSubstitution substitution => ResolveSubstitution(substitution),
            HoconConcatenation concatenation => ConcatenationResolver.Concatenate(concatenation, ResolveParts(concatenation)),
            HoconDelayedMerge merge => ResolveMerge(merge),
            _ => throw new InvalidOperationException($"unexpected node {value.GetType().Name}"),
        };
        _resolved[value] = result;
        Exit(value);
        return result;
    }

    private List<HoconValue> ResolveParts(HoconConcatenation concatenation)
    {
        var parts = new List<HoconValue>();
        foreach (var part in concatenation.Parts)
        {
            if (ResolveValue(part) is { } resolved)
                parts.Add(resolved);
        }

        return parts;
    }

    private HoconValue? ResolveMerge(HoconDelayedMerge merge)
    {
        var later = ResolveValue(merge.Later);
        if (later is null)
            return ResolveValue(merge.Earlier);
        if (later is HoconObject laterObject && ResolveValue(merge.Earlier) is HoconObject earlierObject)
            return HoconMerge.Objects(laterObject, earlierObject);
        return later;
    }

    private HoconValue? ResolveSubstitution(HoconSubstitution substitution)
    {
        _chain.Add(substitution);
        var found = Lookup(substitution.Path);
        _chain.RemoveAt(_chain.Count - 1);
        if (found is not null)
            return found;

        var variable = string.Join('.', substitution.Path);
        if (Environment.GetEnvironmentVariable(variable) is { } fromEnvironment)
            return HoconScalar.String(fromEnvironment, new HoconOrigin($"environment variable {variable}", 0, 0));
        if (substitution.Optional)
            return null;
        throw Error(substitution.Origin,
            $"could not resolve substitution {substitution}: '{substitution.PathText}' is not in the document and no environment variable '{variable}' is set");
    }

    private HoconValue? Lookup(IReadOnlyList<string> path)
    {
        var obj = _root;
        for (var i = 0; ; i++)
        {
            if (!obj.TryGet(path[i], out var child))
                return null;
            if (child.IsUnresolved)
            {
                // Intermediate objects only need the field on the way resolved, not all of them.
                var resolved = ResolveUnresolved(child);
                if (resolved is null)
                {
                    obj.Remove(path[i]);
                    return null;
                }

                obj.Set(path[i], resolved);
                child = resolved;
            }

            if (i == path.Count - 1)
                return ResolveValue(child);
            if (child is not HoconObject next)
                return null;
            obj = next;
        }
    }

    private void Enter(HoconValue value)
    {
        if (_inProgress.Count > MaxDepth)
            throw Error(value.Origin, $"substitutions nest deeper than {MaxDepth} levels");
        if (_inProgress.Add(value))
            return;
        var cycle = _chain.Count == 0 ? "a value that contains itself" : string.Join(" -> ", _chain);
        var at = _chain.Count == 0 ? value.Origin : _chain[^1].Origin;
        throw Error(at, $"cycle in substitutions: {cycle}");
    }

    private void Exit(HoconValue value) => _inProgress.Remove(value);

    private static HoconParseException Error(HoconOrigin origin, string reason) =>
        new(origin.Source, origin.Line, origin.Column, reason);
}
