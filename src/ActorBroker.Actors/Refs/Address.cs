namespace ActorBroker.Actors;

/// <summary>
/// Where an actor system lives: <c>abroker://Name</c> for a local system, or
/// <c>abroker.tcp://Name@host:port</c> once remoting gives it a network endpoint.
/// </summary>
public sealed record Address(string Protocol, string System, string? Host = null, int? Port = null)
{
    public const string LocalProtocol = "abroker";

    public bool HasLocalScope => Host is null;

    public bool HasGlobalScope => Host is not null;

    public static Address Local(string system) => new(LocalProtocol, system);

    public override string ToString() =>
        Host is null ? $"{Protocol}://{System}" : $"{Protocol}://{System}@{Host}:{Port}";

    /// <summary>Parses <c>protocol://system</c> or <c>protocol://system@host:port</c>.</summary>
    public static Address Parse(string text)
    {
        if (!TryParse(text, out var address))
            throw new FormatException($"'{text}' is not an actor system address; expected protocol://system or protocol://system@host:port");
        return address;
    }

    public static bool TryParse(string text, out Address address)
    {
        address = null!;
        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0) return false;
        var protocol = text[..schemeEnd];
        var rest = text[(schemeEnd + 3)..];
        var at = rest.IndexOf('@');
        if (at < 0)
        {
            if (rest.Length == 0 || rest.Contains('/') || rest.Contains(':')) return false;
            address = new Address(protocol, rest);
            return true;
        }

        var system = rest[..at];
        var hostPort = rest[(at + 1)..];
        var colon = hostPort.LastIndexOf(':');
        if (system.Length == 0 || colon <= 0) return false;
        if (!int.TryParse(hostPort[(colon + 1)..], out var port) || port is < 0 or > 65535) return false;
        address = new Address(protocol, system, hostPort[..colon], port);
        return true;
    }
}
