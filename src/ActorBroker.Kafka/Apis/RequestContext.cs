using System.Net;
using ActorBroker.Kafka.Wire;

namespace ActorBroker.Kafka.Apis;

/// <summary>What a handler knows about the request beyond its body: the header, who sent it, and how long the broker may take.</summary>
public sealed record RequestContext(RequestHeader Header, EndPoint? Remote, TimeSpan RequestTimeout)
{
    public short Version => Header.ApiVersion;
}
