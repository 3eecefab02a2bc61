using Microsoft.Extensions.Logging;

namespace ActorBroker.Actors.Logging;

/// <summary>The default logging when the application gives none: one line per entry on the console, with time and scope.</summary>
internal static class ConsoleLoggerFactory
{
    public static ILoggerFactory Create(LogLevel minimumLevel) =>
        LoggerFactory.Create(builder => builder
            .SetMinimumLevel(minimumLevel)
            .AddSimpleConsole(options =>
            {
                options.SingleLine = true;
                options.IncludeScopes = true;
                options.TimestampFormat = "HH:mm:ss.fff ";
                options.UseUtcTimestamp = true;
            }));
}
