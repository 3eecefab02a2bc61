using ActorBroker.Protocol;
using Akka.Actor;
using TopicAdminResponse = ActorBroker.Protocol.Messages.TopicAdminResponse;

namespace ActorBroker.Kafka.Apis.Admin;

/// <summary>
/// Asks the front actor one topic's admin request. A request names many topics and each has its own answer in Kafka:
/// one the controller does not answer in time is REQUEST_TIMED_OUT on its own, not a failure of the whole response.
/// </summary>
internal static class TopicAdminAsk
{
    public static async Task<TopicAdminResponse> AskAsync(IActorRef front, object request, string topic, long correlationId, TimeSpan timeout)
    {
        try
        {
            return await front.Ask<TopicAdminResponse>(request, timeout).ConfigureAwait(false);
        }
        catch (AskTimeoutException)
        {
            return new TopicAdminResponse(topic, ErrorCode.RequestTimedOut,
                $"the controller did not answer within {timeout.TotalSeconds:0.#} s (actorbroker.kafka.request-timeout); the change may still happen", correlationId);
        }
    }
}
