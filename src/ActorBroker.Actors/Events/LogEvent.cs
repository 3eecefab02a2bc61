using Microsoft.Extensions.Logging;

namespace ActorBroker.Actors.Events;

/// <summary>A log entry of level Warning or above, published on the event stream (the TestKit asserts on these).</summary>
public sealed record LogEvent(LogLevel Level, string Category, string Message, Exception? Exception);
