using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using Akka.Actor;

namespace ActorBroker.Kafka.Apis.Admin;

/// <summary>Asks the front actor a user or ACL change; no answer in time is REQUEST_TIMED_OUT for that change alone.</summary>
internal static class SecurityAdminAsk
{
    public static async Task<SecurityAdminResponse> AskAsync(IActorRef front, object request, long correlationId, TimeSpan timeout)
    {
        try
        {
            return await front.Ask<SecurityAdminResponse>(request, timeout).ConfigureAwait(false);
        }
        catch (AskTimeoutException)
        {
            return new SecurityAdminResponse(ErrorCode.RequestTimedOut,
                $"the controller did not answer within {timeout.TotalSeconds:0.#} s (actorbroker.kafka.request-timeout); the change may still happen", 0, correlationId);
        }
    }
}
