using Xunit.Sdk;

namespace ActorBroker.TestKit;

public abstract partial class TestKitBase
{
    /// <summary>Takes the next message, which must be a <typeparamref name="T"/>, within the timeout.</summary>
    public T ExpectMsg<T>(TimeSpan? timeout = null) => ExpectMsg<T>(_ => true, timeout, null);

    /// <summary>Takes the next message, which must be a <typeparamref name="T"/> for which <paramref name="isMessage"/> holds.</summary>
    public T ExpectMsg<T>(Predicate<T> isMessage, TimeSpan? timeout = null, string? hint = null)
    {
        var max = RemainingOrDilated(timeout);
        var received = TakeOrFail(max, $"a {typeof(T).Name}{Describe(hint)}");
        if (received.Message is T typed && isMessage(typed)) return typed;
        throw new XunitException(
            $"Expected a {typeof(T).Name}{Describe(hint)} but received {Format(received.Message)} from {received.Sender.Path}");
    }

    /// <summary>Takes the next message, which must equal <paramref name="expected"/>.</summary>
    public T ExpectMsg<T>(T expected, TimeSpan? timeout = null) where T : notnull =>
        ExpectMsg<T>(m => Equals(m, expected), timeout, $" equal to {Format(expected)}");

    /// <summary>Takes the next message as a <typeparamref name="T"/> and runs assertions on it.</summary>
    public T ExpectMsg<T>(Action<T> assert, TimeSpan? timeout = null)
    {
        var message = ExpectMsg<T>(timeout);
        assert(message);
        return message;
    }

    public async Task<T> ExpectMsgAsync<T>(Predicate<T>? isMessage = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var max = RemainingOrDilated(timeout);
        var received = await _queue.TakeAsync(max, cancellationToken).ConfigureAwait(false)
            ?? throw new XunitException($"Timeout ({max.TotalMilliseconds:0} ms) while waiting for a {typeof(T).Name}");
        LastSender = received.Sender;
        if (received.Message is T typed && (isMessage is null || isMessage(typed))) return typed;
        throw new XunitException($"Expected a {typeof(T).Name} but received {Format(received.Message)} from {received.Sender.Path}");
    }

    /// <summary>Asserts that no message arrives for <paramref name="duration"/> (default: actorbroker.test.expect-no-message-default).</summary>
    public void ExpectNoMsg(TimeSpan? duration = null)
    {
        var wait = duration.HasValue ? Dilated(duration.Value) : Dilated(TestKitSettings.ExpectNoMessageDefault);
        if (_queue.TryTake(wait, out var received))
            throw new XunitException($"Expected no message for {wait.TotalMilliseconds:0} ms but received {Format(received.Message)} from {received.Sender.Path}");
    }

    /// <summary>Takes exactly these messages, in any order; fails on a missing or unexpected one.</summary>
    public IReadOnlyList<T> ExpectMsgAllOf<T>(params T[] expected) => ExpectAllOf(null, expected);

    public IReadOnlyList<T> ExpectMsgAllOf<T>(TimeSpan timeout, params T[] expected) => ExpectAllOf(timeout, expected);

    private IReadOnlyList<T> ExpectAllOf<T>(TimeSpan? timeout, T[] expected)
    {
        var deadline = DateTime.UtcNow + RemainingOrDilated(timeout);
        var missing = expected.ToList();
        var received = new List<T>();
        while (missing.Count > 0)
        {
            var next = TakeOrFail(deadline - DateTime.UtcNow, $"{missing.Count} more of [{string.Join(", ", missing.Select(m => Format(m)))}]");
            if (next.Message is not T typed || missing.FindIndex(m => Equals(m, typed)) is var index && index < 0)
                throw new XunitException($"Received unexpected {Format(next.Message)} while waiting for [{string.Join(", ", missing.Select(m => Format(m)))}]");
            missing.RemoveAt(index);
            received.Add(typed);
        }

        return received;
    }

    /// <summary>Takes the next <paramref name="count"/> messages of any type.</summary>
    public IReadOnlyList<object> ReceiveN(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + RemainingOrDilated(timeout);
        var messages = new List<object>(count);
        for (var i = 0; i < count; i++)
            messages.Add(TakeOrFail(deadline - DateTime.UtcNow, $"message {i + 1} of {count}").Message);
        return messages;
    }

    /// <summary>Skips messages until one satisfies <paramref name="isMessage"/>, and returns it.</summary>
    public T FishForMessage<T>(Predicate<T> isMessage, TimeSpan? timeout = null, string? hint = null)
    {
        var deadline = DateTime.UtcNow + RemainingOrDilated(timeout);
        while (true)
        {
            var next = TakeOrFail(deadline - DateTime.UtcNow, $"a {typeof(T).Name} matching the fish predicate{Describe(hint)}");
            if (next.Message is T typed && isMessage(typed)) return typed;
        }
    }

    public object FishForMessage(Predicate<object> isMessage, TimeSpan? timeout = null, string? hint = null) =>
        FishForMessage<object>(isMessage, timeout, hint);

    /// <summary>Takes the next message whatever it is; null on timeout.</summary>
    public object? ReceiveOne(TimeSpan? timeout = null)
    {
        if (!_queue.TryTake(RemainingOrDilated(timeout), out var received)) return null;
        LastSender = received.Sender;
        return received.Message;
    }

    private ReceivedMessage TakeOrFail(TimeSpan max, string waitingFor)
    {
        if (!_queue.TryTake(max, out var received))
            throw new XunitException($"Timeout ({Math.Max(0, max.TotalMilliseconds):0} ms) while waiting for {waitingFor}");
        LastSender = received.Sender;
        return received;
    }

    private static string Describe(string? hint) => string.IsNullOrEmpty(hint) ? "" : hint.StartsWith(' ') ? hint : $" ({hint})";

    private static string Format(object? message) => message switch
    {
        null => "null",
        string s => $"\"{s}\"",
        _ => $"{message.GetType().Name} {message}",
    };
}
