using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace ActorBroker.TestKit;

/// <summary>Writes log entries to xunit's per-test output, so a failing test shows what the actors logged.</summary>
internal sealed class XunitLoggerProvider(ITestOutputHelper output, LogLevel minimumLevel, object? prefix = null) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(output, categoryName, minimumLevel, prefix);

    public void Dispose()
    {
    }

    private sealed class Logger(ITestOutputHelper output, string category, LogLevel minimumLevel, object? prefix) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimumLevel && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var line = $"{DateTime.UtcNow:HH:mm:ss.fff} {prefix}[{logLevel}] {category}: {formatter(state, exception)}";
            if (exception is not null) line += Environment.NewLine + exception;
            try
            {
                output.WriteLine(line);
            }
            catch (InvalidOperationException)
            {
                // The test already finished; xunit no longer accepts output for it.
            }
        }
    }
}
