using ActorBroker.Actors.Events;
using ActorBroker.Actors.Serialization;
using ActorBroker.Hocon;
using Microsoft.Extensions.Logging;

namespace ActorBroker.Actors;

/// <summary>
/// A hierarchy of actors sharing configuration, dispatcher, scheduler, event stream and
/// serialization. Create one per process (or per node in multi-node tests) and terminate it at the end.
/// </summary>
public abstract class ActorSystem : IActorRefFactory, IAsyncDisposable
{
    /// <summary>Creates a system; <paramref name="config"/> falls back to the built-in reference configuration.</summary>
    public static ActorSystem Create(string name, Config? config = null) => Create(name, new ActorSystemSetup(config));

    /// <summary>Creates a system from HOCON text.</summary>
    public static ActorSystem Create(string name, string hocon) =>
        Create(name, new ActorSystemSetup(ConfigurationFactory.ParseString(hocon, $"config of actor system '{name}'")));

    public static ActorSystem Create(string name, ActorSystemSetup setup)
    {
        if (!IsValidSystemName(name))
            throw new ArgumentException($"Invalid actor system name '{name}': use letters, digits, '-' and '_', starting with a letter or digit", nameof(name));
        var system = new ActorSystemImpl(name, setup);
        system.Start();
        return system;
    }

    public abstract string Name { get; }

    /// <summary>The effective configuration: the given config over the reference configuration.</summary>
    public abstract Config Config { get; }

    public abstract ActorSystemSettings Settings { get; }

    /// <summary>The address of this system; with remoting it carries host and port.</summary>
    public abstract Address Address { get; }

    public abstract IActorRef DeadLetters { get; }

    public abstract EventStream EventStream { get; }

    public abstract IScheduler Scheduler { get; }

    public abstract ILoggerFactory LoggerFactory { get; }

    public abstract ILogger Log { get; }

    public abstract SerializationRegistry Serialization { get; }

    public abstract ActorRefProvider Provider { get; }

    /// <summary>Completes once every actor has stopped and termination callbacks have run.</summary>
    public abstract Task WhenTerminated { get; }

    public abstract IActorRef ActorOf(Props props, string? name = null);

    public abstract ActorSelection ActorSelection(string path);

    public abstract void Stop(IActorRef actor);

    /// <summary>Stops user actors (children before parents), then system actors; returns <see cref="WhenTerminated"/>.</summary>
    public abstract Task Terminate();

    /// <summary>Runs <paramref name="callback"/> once the system has terminated (in registration order, reversed).</summary>
    public abstract void RegisterOnTermination(Action callback);

    /// <summary>Gets the system-wide extension of type <typeparamref name="T"/>, creating it on first use.</summary>
    public abstract T GetOrAddExtension<T>(Func<ActorSystem, T> create) where T : class;

    public async ValueTask DisposeAsync()
    {
        await Terminate().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    public override string ToString() => Address.ToString();

    private static bool IsValidSystemName(string name) =>
        !string.IsNullOrEmpty(name) && char.IsAsciiLetterOrDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}

/// <summary>How to build an actor system: configuration and, optionally, the logger factory to log through.</summary>
public sealed record ActorSystemSetup(Config? Config = null, ILoggerFactory? LoggerFactory = null);
