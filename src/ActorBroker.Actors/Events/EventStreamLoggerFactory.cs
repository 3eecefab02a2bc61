using Microsoft.Extensions.Logging;

namespace ActorBroker.Actors.Events;

/// <summary>
/// Wraps the application's logger factory: every logger also publishes warnings and errors on the
/// event stream as <see cref="LogEvent"/>, so tests and monitoring actors can react to them.
/// </summary>
internal sealed class EventStreamLoggerFactory(ILoggerFactory inner, EventStream eventStream) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new Logger(inner.CreateLogger(categoryName), categoryName, eventStream);

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose()
    {
        // The wrapped factory belongs to whoever created it.
    }

    private sealed class Logger(ILogger inner, string category, EventStream eventStream) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel) || logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (inner.IsEnabled(logLevel)) inner.Log(logLevel, eventId, state, exception, formatter);
            if (logLevel >= LogLevel.Warning && logLevel != LogLevel.None && eventStream.HasSubscribers(typeof(LogEvent)))
                eventStream.Publish(new LogEvent(logLevel, category, formatter(state, exception), exception));
        }
    }
}
