using ActorBroker.Client.Settings;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using Akka.Actor;

namespace ActorBroker.Client;

/// <summary>
/// The admin client's way of asking a node: retriable errors (NotController, RequestTimedOut, no answer within
/// admin.request-timeout...) are asked again after admin.retry-backoff until admin.default-api-timeout; other errors
/// throw a <see cref="BrokerException"/> with their code.
/// </summary>
internal static class RetryingAsk
{
    private static long _correlation;

    /// <param name="request">The request, given a fresh correlation id for each attempt.</param>
    /// <param name="errorOf">The answer's error; <see cref="ErrorCode.None"/> for an answer to return.</param>
    /// <param name="what">What is asked, for the error messages ("could not {what} ...").</param>
    public static async Task<T> AskAsync<T>(IActorRef target, ClientSettings settings, Func<long, object> request, Func<T, ErrorCode> errorOf, string what,
        CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + settings.DefaultApiTimeout;
        var lastProblem = "no answer";
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
                throw new BrokerException(ErrorCode.RequestTimedOut,
                    $"could not {what} within default.api.timeout ({settings.DefaultApiTimeout.TotalMilliseconds:0} ms); last attempt: {lastProblem}");
            var attempt = left < settings.AdminRequestTimeout ? left : settings.AdminRequestTimeout;
            try
            {
                var reply = await target.Ask(request(Interlocked.Increment(ref _correlation)), attempt, cancellationToken).ConfigureAwait(false);
                if (reply is not T typed) throw new InvalidOperationException($"expected a {typeof(T).Name} but the node answered {reply.GetType().Name}");
                var error = errorOf(typed);
                if (error == ErrorCode.None) return typed;
                var message = typed switch
                {
                    TopicAdminResponse admin => admin.ErrorMessage ?? error.ToString(),
                    SecurityAdminResponse security => security.ErrorMessage ?? error.ToString(),
                    FetchResponse fetch => fetch.ErrorMessage ?? error.ToString(),
                    _ => error.ToString(),
                };
                if (!error.IsRetriable()) throw new BrokerException(error, message);
                lastProblem = $"{error}: {message}";
            }
            catch (AskTimeoutException)
            {
                lastProblem = $"no answer within request.timeout ({attempt.TotalMilliseconds:0} ms)";
            }

            await Task.Delay(settings.AdminRetryBackoff, cancellationToken).ConfigureAwait(false);
        }
    }
}
