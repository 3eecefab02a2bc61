using ActorBroker.Actors;
using ActorBroker.Actors.Events;
using Microsoft.Extensions.Logging;
using Xunit.Sdk;

namespace ActorBroker.TestKit;

/// <summary>
/// Asserts on what the system logs or drops while a block runs: e.g.
/// <c>EventFilter.Exception&lt;InvalidOperationException&gt;().ExpectOne(() => actor.Tell("boom"))</c>
/// or <c>EventFilter.DeadLetter&lt;string&gt;().Expect(2, ...)</c>.
/// </summary>
public sealed class EventFilter
{
    private readonly TestKitBase _kit;
    private readonly Type _channel;
    private readonly Func<object, bool> _matches;
    private readonly string _description;

    private EventFilter(TestKitBase kit, Type channel, Func<object, bool> matches, string description)
    {
        _kit = kit;
        _channel = channel;
        _matches = matches;
        _description = description;
    }

    public static EventFilter Exception<TException>(TestKitBase kit, string? messageContains = null) where TException : Exception =>
        new(kit, typeof(LogEvent), e => e is LogEvent { Level: >= LogLevel.Error } log && log.Exception is TException ex
                && (messageContains is null || ex.Message.Contains(messageContains, StringComparison.Ordinal)),
            $"an error logged with {typeof(TException).Name}{(messageContains is null ? "" : $" containing '{messageContains}'")}");

    public static EventFilter Error(TestKitBase kit, string? messageContains = null) => Level(kit, LogLevel.Error, messageContains);

    public static EventFilter Warning(TestKitBase kit, string? messageContains = null) => Level(kit, LogLevel.Warning, messageContains);

    public static EventFilter DeadLetter<TMessage>(TestKitBase kit, Func<TMessage, bool>? matches = null) =>
        new(kit, typeof(DeadLetter), e => e is DeadLetter { Message: TMessage m } && (matches is null || matches(m)),
            $"a dead letter of {typeof(TMessage).Name}");

    private static EventFilter Level(TestKitBase kit, LogLevel level, string? contains) =>
        new(kit, typeof(LogEvent), e => e is LogEvent log && log.Level == level
                && (contains is null || log.Message.Contains(contains, StringComparison.Ordinal)),
            $"a {level} log{(contains is null ? "" : $" containing '{contains}'")}");

    /// <summary>Runs <paramref name="block"/> and asserts that exactly one matching event occurs.</summary>
    public void ExpectOne(Action block) => Expect(1, block);

    /// <summary>Runs <paramref name="block"/> and asserts that exactly <paramref name="count"/> matching events occur.</summary>
    public void Expect(int count, Action block, TimeSpan? timeout = null)
    {
        var probe = _kit.CreateTestProbe();
        _kit.Sys.EventStream.Subscribe(probe.Ref, _channel);
        try
        {
            block();
            var deadline = DateTime.UtcNow + _kit.Dilated(timeout ?? TimeSpan.FromSeconds(3));
            var seen = 0;
            while (seen < count)
            {
                var remaining = deadline - DateTime.UtcNow;
                // Take from the probe's queue directly: probe.ReceiveOne would dilate the already dilated wait again.
                var next = remaining > TimeSpan.Zero && probe.Queue.TryTake(remaining, out var taken) ? taken.Message : null;
                if (next is null) throw new XunitException($"Expected {count} x {_description} but saw {seen}");
                if (_matches(next)) seen++;
            }

            // Anything more that matches shortly after is one too many.
            while (probe.Queue.TryTake(_kit.Dilated(TimeSpan.FromMilliseconds(50)), out var extra))
            {
                if (_matches(extra.Message)) throw new XunitException($"Expected {count} x {_description} but saw more: {extra.Message}");
            }
        }
        finally
        {
            _kit.Sys.EventStream.Unsubscribe(probe.Ref);
            _kit.Sys.Stop(probe.Ref);
        }
    }
}
