using System.Globalization;

namespace ActorBroker.Kafka;

/// <summary>A <c>host:port</c> pair as Kafka's listeners and Metadata name them.</summary>
public readonly record struct HostPort(string Host, int Port)
{
    /// <summary>Parses <c>host:port</c>; an IPv6 host is written in brackets (<c>[::1]:9092</c>).</summary>
    public static bool TryParse(string text, out HostPort endpoint)
    {
        endpoint = default;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535) return false;
        var host = text[..colon];
        if (host.StartsWith('[') && host.EndsWith(']')) host = host[1..^1];
        if (host.Length == 0 || host.Contains(' ', StringComparison.Ordinal)) return false;
        endpoint = new HostPort(host, port);
        return true;
    }

    public override string ToString() =>
        Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port.ToString(CultureInfo.InvariantCulture)}" : $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";
}
