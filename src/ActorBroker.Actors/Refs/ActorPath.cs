using System.Text;

namespace ActorBroker.Actors;

/// <summary>
/// The name of an actor in its system's hierarchy, e.g. <c>abroker://node/user/partitions/orders-0</c>.
/// The optional <see cref="Uid"/> tells incarnations with the same path apart.
/// </summary>
public sealed class ActorPath : IEquatable<ActorPath>
{
    private readonly string[] _elements;
    private string? _text;

    private ActorPath(Address address, string[] elements, int uid)
    {
        Address = address;
        _elements = elements;
        Uid = uid;
    }

    public Address Address { get; }

    /// <summary>The path elements below the root, e.g. ["user", "a", "b"].</summary>
    public IReadOnlyList<string> Elements => _elements;

    public string Name => _elements.Length == 0 ? "" : _elements[^1];

    /// <summary>The incarnation id of the actor at this path; 0 when unknown.</summary>
    public int Uid { get; }

    public ActorPath? Parent => _elements.Length == 0 ? null : new ActorPath(Address, _elements[..^1], 0);

    public static ActorPath Root(Address address) => new(address, [], 0);

    public ActorPath Child(string name, int uid = 0) => new(Address, [.. _elements, name], uid);

    public ActorPath WithUid(int uid) => new(Address, _elements, uid);

    public ActorPath WithAddress(Address address) => new(address, _elements, Uid);

    /// <summary>The path without its address, e.g. <c>/user/a</c>.</summary>
    public string ToStringWithoutAddress() => _elements.Length == 0 ? "/" : "/" + string.Join('/', _elements);

    public override string ToString() => _text ??= Address + ToStringWithoutAddress();

    public string ToSerializationFormat() => Uid == 0 ? ToString() : $"{this}#{Uid}";

    /// <summary>Parses <c>protocol://system[@host:port]/a/b[#uid]</c>.</summary>
    public static ActorPath Parse(string text)
    {
        if (!TryParse(text, out var path))
            throw new FormatException($"'{text}' is not an actor path; expected e.g. abroker://system/user/name");
        return path;
    }

    public static bool TryParse(string text, out ActorPath path)
    {
        path = null!;
        var uid = 0;
        var hash = text.LastIndexOf('#');
        if (hash >= 0)
        {
            if (!int.TryParse(text.AsSpan(hash + 1), out uid)) return false;
            text = text[..hash];
        }

        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0) return false;
        var firstSlash = text.IndexOf('/', schemeEnd + 3);
        var addressText = firstSlash < 0 ? text : text[..firstSlash];
        if (!Address.TryParse(addressText, out var address)) return false;
        var elements = firstSlash < 0
            ? []
            : text[(firstSlash + 1)..].Split('/', StringSplitOptions.RemoveEmptyEntries);
        path = new ActorPath(address, elements, uid);
        return true;
    }

    public bool Equals(ActorPath? other) =>
        other is not null && Address.Equals(other.Address) && _elements.AsSpan().SequenceEqual(other._elements);

    public override bool Equals(object? obj) => obj is ActorPath other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Address);
        foreach (var e in _elements) hash.Add(e);
        return hash.ToHashCode();
    }

    public static bool operator ==(ActorPath? left, ActorPath? right) => Equals(left, right);

    public static bool operator !=(ActorPath? left, ActorPath? right) => !Equals(left, right);

    internal static bool IsValidElement(string name)
    {
        if (string.IsNullOrEmpty(name) || name[0] == '$') return false;
        foreach (var c in name)
        {
            if (char.IsAsciiLetterOrDigit(c)) continue;
            if ("-_.*+:@&=,!~';()%".IndexOf(c) >= 0) continue;
            return false;
        }

        return true;
    }

    internal static string Describe(IEnumerable<string> elements)
    {
        var sb = new StringBuilder();
        foreach (var e in elements) sb.Append('/').Append(e);
        return sb.ToString();
    }
}
