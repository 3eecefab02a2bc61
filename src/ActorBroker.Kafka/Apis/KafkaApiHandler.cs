using Akka.Actor;
using ActorBroker.Kafka.Wire;

namespace ActorBroker.Kafka.Apis;

/// <summary>
/// Serves one Kafka API. The connection reads the request header, checks the version against <see cref="Range"/>, lets
/// the handler parse the body synchronously out of the network buffer (<see cref="Read"/> must copy whatever it keeps:
/// the buffer is reused once it returns), starts <see cref="HandleAsync"/> and sends the responses in request order.
/// </summary>
public abstract class KafkaApiHandler
{
    /// <summary>The versions served; ApiVersions advertises exactly this range.</summary>
    public abstract ApiVersionRange Range { get; }

    /// <summary>Response header v1 (with tagged fields) for flexible versions, v0 otherwise; ApiVersions always answers v0.</summary>
    public virtual bool FlexibleResponseHeader(short version) => Range.IsFlexible(version);

    /// <summary>Parses the request body of <paramref name="version"/> (already checked against <see cref="Range"/>) into an object the handler owns.</summary>
    /// <exception cref="KafkaProtocolException">The body is malformed: the connection is closed.</exception>
    public abstract object Read(ref KafkaReader reader, short version);

    /// <summary>
    /// Handles a request <see cref="Read"/> returned. Null means no response is sent (a Produce with acks=0); the
    /// connection then goes on to the next request's response. Asks to the broker's actors should be bounded by
    /// <see cref="RequestContext.RequestTimeout"/>: a timeout (<see cref="TimeoutException"/> or Akka's
    /// AskTimeoutException, which is not one) becomes <see cref="ErrorResponse"/> with REQUEST_TIMED_OUT.
    /// </summary>
    public abstract Task<IKafkaResponse?> HandleAsync(object request, RequestContext context);

    /// <summary>
    /// The response that gives every part of <paramref name="request"/> <paramref name="errorCode"/> (Kafka's
    /// getErrorResponse), used when handling timed out or failed; null when the API has no way to say it, and then the
    /// connection is closed instead.
    /// </summary>
    public virtual IKafkaResponse? ErrorResponse(object request, short version, short errorCode) => null;
}

/// <summary>A handler of one request type: <see cref="KafkaApiHandler"/> with the casts done once, here.</summary>
public abstract class KafkaApiHandler<TRequest> : KafkaApiHandler where TRequest : class
{
    public sealed override object Read(ref KafkaReader reader, short version) => ReadRequest(ref reader, version);

    public sealed override Task<IKafkaResponse?> HandleAsync(object request, RequestContext context) => HandleAsync((TRequest)request, context);

    public sealed override IKafkaResponse? ErrorResponse(object request, short version, short errorCode) => ErrorResponse((TRequest)request, version, errorCode);

    protected abstract TRequest ReadRequest(ref KafkaReader reader, short version);

    protected abstract Task<IKafkaResponse?> HandleAsync(TRequest request, RequestContext context);

    protected virtual IKafkaResponse? ErrorResponse(TRequest request, short version, short errorCode) => null;
}
