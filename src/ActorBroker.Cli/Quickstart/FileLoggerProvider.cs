using System.Globalization;
using Microsoft.Extensions.Logging;

namespace ActorBroker.Cli.Quickstart;

/// <summary>
/// Writes log entries to one file, a line each (time, level, category, message, exception), so that in-process nodes
/// can log at INFO without drowning the quickstart's own output.
/// </summary>
internal sealed class FileLoggerProvider : ILoggerProvider
{
    private readonly StreamWriter _writer;
    private readonly LogLevel _minimumLevel;
    private bool _disposed;

    public FileLoggerProvider(string path, LogLevel minimumLevel)
    {
        _minimumLevel = minimumLevel;
        // Appending: a restarted node continues the log of the incarnation that was killed.
        _writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read)) { AutoFlush = true };
    }

    public ILogger CreateLogger(string categoryName) => new FileLogger(this, categoryName);

    public void Dispose()
    {
        lock (_writer)
        {
            _disposed = true;
            _writer.Dispose();
        }
    }

    private void Write(LogLevel level, string category, string message, Exception? exception)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:HH:mm:ss.fff} {Short(level)} {category}: {message}");
        lock (_writer)
        {
            // Loggers may outlive the file by a little while the node shuts down.
            if (_disposed) return;
            _writer.WriteLine(line);
            if (exception is not null) _writer.WriteLine(exception.ToString());
        }
    }

    private static string Short(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        _ => "crit",
    };

    private sealed class FileLogger(FileLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= provider._minimumLevel;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) provider.Write(logLevel, category, formatter(state, exception), exception);
        }
    }
}
