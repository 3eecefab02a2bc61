using Akka.Actor;

namespace ActorBroker.Kafka.Apis;

/// <summary>
/// The one test of "the broker's actors did not answer in time", which the door answers REQUEST_TIMED_OUT: a .NET
/// <see cref="TimeoutException"/>, or Akka.NET's <see cref="AskTimeoutException"/>, which is not one.
/// </summary>
internal static class BrokerTimeouts
{
    public static bool IsTimeout(Exception e) => e is TimeoutException or AskTimeoutException;
}
