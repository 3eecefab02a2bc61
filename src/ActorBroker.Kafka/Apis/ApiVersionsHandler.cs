using ActorBroker.Kafka.Messages;
using ActorBroker.Kafka.Wire;

namespace ActorBroker.Kafka.Apis;

/// <summary>ApiVersions (key 18) v0–v3: the version ranges of every API in the table, the first request a client sends.</summary>
public sealed class ApiVersionsHandler(KafkaApis apis) : KafkaApiHandler<ApiVersionsRequest>
{
    public override ApiVersionRange Range { get; } = new(ApiKey.ApiVersions, 0, 3, FlexibleFrom: 3);

    /// <summary>Always v0: a client reads it before it knows which header versions the broker speaks.</summary>
    public override bool FlexibleResponseHeader(short version) => false;

    /// <summary>
    /// The answer to an ApiVersions request of a version this node does not serve: v0 with UNSUPPORTED_VERSION and the
    /// ranges, so the client retries with a version it finds there (Kafka's behaviour).
    /// </summary>
    public ApiVersionsResponse UnsupportedVersion() => new(KafkaErrorCodes.UnsupportedVersion, apis.Ranges);

    protected override ApiVersionsRequest ReadRequest(ref KafkaReader reader, short version) => ApiVersionsRequest.Read(ref reader, version);

    protected override Task<IKafkaResponse?> HandleAsync(ApiVersionsRequest request, RequestContext context) =>
        Task.FromResult<IKafkaResponse?>(new ApiVersionsResponse(KafkaErrorCodes.None, apis.Ranges));

    protected override IKafkaResponse? ErrorResponse(ApiVersionsRequest request, short version, short errorCode) => new ApiVersionsResponse(errorCode, apis.Ranges);
}
