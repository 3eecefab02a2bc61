using System.Net;
using ActorBroker.Kafka.Security;
using ActorBroker.Kafka.Wire;

namespace ActorBroker.Kafka.Apis;

/// <summary>
/// What a handler knows about the request beyond its body: the header, who sent it (the address and, once the
/// connection authenticated, the principal), and how long the broker may take.
/// </summary>
public sealed record RequestContext(RequestHeader Header, EndPoint? Remote, TimeSpan RequestTimeout)
{
    public short Version => Header.ApiVersion;

    /// <summary>The client's IP address as ACL hosts are written (an IPv4 client on a dual-stack socket as IPv4); made once per connection.</summary>
    public string Host { get; init; } = "";

    /// <summary>The connection's authenticated principal; <see cref="KafkaPrincipal.Anonymous"/> on a listener without authentication.</summary>
    public KafkaPrincipal Principal { get; init; } = KafkaPrincipal.Anonymous;
}
