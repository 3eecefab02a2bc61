using System.Collections.Concurrent;
using ActorBroker.Kafka.Apis;
using ActorBroker.Kafka.Security;
using ActorBroker.Kafka.Wire;

namespace ActorBroker.Kafka.Tests.Support;

/// <summary>
/// A handler whose answers the test completes by hand: the request body is an int32 id, the response echoes it. A
/// negative id gets no response (as an acks=0 Produce). Serves key 0 (Produce's) v0–v1 so framing tests have a known
/// non-ApiVersions API; v1 is flexible.
/// </summary>
internal sealed class ScriptedHandler : KafkaApiHandler<ScriptedHandler.Request>
{
    private readonly ConcurrentDictionary<int, TaskCompletionSource<IKafkaResponse?>> _answers = new();

    public override ApiVersionRange Range { get; } = new(ApiKey.Produce, 0, 1, FlexibleFrom: 1);

    /// <summary>Ids of requests received, in order.</summary>
    public ConcurrentQueue<int> Received { get; } = new();

    /// <summary>The principal of each request received, in order.</summary>
    public ConcurrentQueue<KafkaPrincipal> Principals { get; } = new();

    public void Answer(int id) => Completion(id).TrySetResult(id < 0 ? null : new Response(id));

    public void Fail(int id, Exception e) => Completion(id).TrySetException(e);

    protected override Request ReadRequest(ref KafkaReader reader, short version)
    {
        var id = reader.Int32();
        reader.TaggedFields();
        return new Request(id);
    }

    protected override Task<IKafkaResponse?> HandleAsync(Request request, RequestContext context)
    {
        Principals.Enqueue(context.Principal);
        Received.Enqueue(request.Id);
        return Completion(request.Id).Task;
    }

    protected override IKafkaResponse? ErrorResponse(Request request, short version, short errorCode) => new Response(request.Id, errorCode);

    private TaskCompletionSource<IKafkaResponse?> Completion(int id) =>
        _answers.GetOrAdd(id, _ => new TaskCompletionSource<IKafkaResponse?>(TaskCreationOptions.RunContinuationsAsynchronously));

    internal sealed record Request(int Id);

    private sealed record Response(int Id, short ErrorCode = 0) : IKafkaResponse
    {
        public void Write(KafkaWriter writer, short version)
        {
            writer.Int32(Id);
            writer.Int16(ErrorCode);
            writer.TaggedFields();
        }
    }
}
