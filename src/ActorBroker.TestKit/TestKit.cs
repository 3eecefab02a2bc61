using ActorBroker.Actors;
using ActorBroker.Hocon;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace ActorBroker.TestKit;

/// <summary>
/// Base class for xunit tests of actors, modelled on Akka.TestKit.Xunit2: one actor system per test
/// class instance (xunit creates one per test), terminated on dispose. Pass <see cref="ITestOutputHelper"/>
/// to see the actors' logs in the test output.
/// </summary>
public abstract class TestKit : TestKitBase, IDisposable
{
    private static long _systemCounter;
    private bool _disposed;

    /// <summary>A test on a fresh system configured by <paramref name="config"/> (HOCON text) over the test defaults.</summary>
    protected TestKit(string? config = null, ITestOutputHelper? output = null)
        : this(config is null ? null : ConfigurationFactory.ParseString(config, "test config"), output)
    {
    }

    protected TestKit(Config? config, ITestOutputHelper? output = null, string? systemName = null)
    {
        Output = output;
        var effective = (config ?? Config.Empty).WithFallback(DefaultTestConfig);
        var level = ActorSystemSettings.ParseLogLevel(effective.GetString("actorbroker.loglevel", "WARNING"));
        var loggerFactory = LoggerFactory.Create(builder =>
        {
            builder.SetMinimumLevel(level);
            if (output is not null) builder.AddProvider(new XunitLoggerProvider(output, level));
        });
        OwnedLoggerFactory = loggerFactory;
        var name = systemName ?? $"{GetType().Name.Replace('`', '-')}-{Interlocked.Increment(ref _systemCounter)}";
        var system = ActorSystem.Create(SanitizeName(name), new ActorSystemSetup(effective, loggerFactory));
        InitializeTest(system, "testActor");
    }

    /// <summary>Settings every test system gets unless the test overrides them: warnings and errors only.</summary>
    public static Config DefaultTestConfig { get; } = ConfigurationFactory.ParseString("""
        actorbroker.loglevel = WARNING
        actorbroker.log-dead-letters = off
        """, "TestKit defaults");

    protected ITestOutputHelper? Output { get; }

    private ILoggerFactory OwnedLoggerFactory { get; }

    /// <summary>Terminates the system; fails if it does not terminate in time (a hung actor is a bug worth seeing).</summary>
    protected virtual void Shutdown(TimeSpan? timeout = null)
    {
        var max = Dilated(timeout ?? TimeSpan.FromSeconds(10));
        if (!Sys.Terminate().Wait(max))
            throw new TimeoutException($"Actor system {Sys.Name} did not terminate within {max.TotalSeconds:0} s");
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        try
        {
            Shutdown();
        }
        finally
        {
            OwnedLoggerFactory.Dispose();
            GC.SuppressFinalize(this);
        }
    }

    private static string SanitizeName(string name) =>
        new(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray());
}
