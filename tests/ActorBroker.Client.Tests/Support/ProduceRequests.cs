using System.Text;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;

namespace ActorBroker.Client.Tests.Support;

/// <summary>Reading and answering the produce requests a scripted node receives.</summary>
public static class ProduceRequests
{
    /// <summary>The values of the request's records, as text.</summary>
    public static IReadOnlyList<string> Values(this ProduceRequest request)
    {
        var values = new List<string>();
        foreach (var batch in request.Batches)
        {
            foreach (var record in batch.Records) values.Add(record.Value is { } v ? Encoding.UTF8.GetString(v.Span) : "<null>");
        }
        return values;
    }

    public static ProduceResponse Ok(this ProduceRequest request, long baseOffset) =>
        new(request.Partition, ErrorCode.None, baseOffset, -1, 0, null, request.CorrelationId);

    public static ProduceResponse Error(this ProduceRequest request, ErrorCode error) =>
        ProduceResponse.Failed(request.Partition, error, $"scripted {error}", request.CorrelationId);
}
