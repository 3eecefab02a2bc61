using System.Net.Sockets;
using ActorBroker.Kafka.Listener;
using ActorBroker.Kafka.Tests.Support;
using Xunit.Abstractions;

namespace ActorBroker.Kafka.Tests.Listener;

/// <summary>
/// The accept loop when accept fails, as it does when the process is out of file descriptors (EMFILE): a test process
/// cannot run out of them safely, so the listener's accept call is replaced by one that fails while the test says so.
/// </summary>
public class AcceptLoopTests(ITestOutputHelper output) : ListenerTestKit(output)
{
    private volatile Exception? _failWith;
    private int _attempts;

    internal override ListenerSeams Seams => ListenerSeams.Default with
    {
        Accept = (socket, cancel) =>
        {
            Interlocked.Increment(ref _attempts);
            return _failWith is { } failure ? ValueTask.FromException<Socket>(failure) : socket.AcceptAsync(cancel);
        },
        Backoff = new AcceptBackoff(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(50)),
    };

    [Theory]
    [InlineData(SocketError.TooManyOpenSockets)] // EMFILE and ENFILE
    [InlineData(SocketError.NoBufferSpaceAvailable)] // ENOBUFS
    public async Task Accept_failing_for_a_while_is_logged_once_retried_with_pauses_and_clients_are_served_after(SocketError error)
    {
        await EventFilter.Error(contains: "cannot accept connections").ExpectOneAsync(async () =>
        {
            await AwaitConditionAsync(() => Task.FromResult(_attempts >= 1), TimeSpan.FromSeconds(10));
            var before = _attempts;
            _failWith = new SocketException((int)error);
            // The loop is waiting inside an accept that has not failed: a client lets it return, and then it fails.
            using var trigger = await ConnectAsync();
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            var failed = _attempts - before;
            // Pauses of 10, 20, 40, then 50 ms: about ten attempts in 500 ms. A loop that spins makes thousands.
            Assert.InRange(failed, 2, 40);
        });

        await EventFilter.Warning(contains: "accepts connections again").ExpectOneAsync(async () =>
        {
            _failWith = null;
            using var client = await ConnectAsync();
            await AssertServedAsync(client);
        });
    }

    [Fact]
    public async Task An_unexpected_exception_from_accept_does_not_end_the_loop()
    {
        await AwaitConditionAsync(() => Task.FromResult(_attempts >= 1), TimeSpan.FromSeconds(10));
        _failWith = new InvalidOperationException("a bug in accept");
        using (await ConnectAsync())
        {
            await AwaitConditionAsync(() => Task.FromResult(_attempts >= 4), TimeSpan.FromSeconds(10));
        }

        _failWith = null;
        using var client = await ConnectAsync();
        await AssertServedAsync(client);
    }
}
